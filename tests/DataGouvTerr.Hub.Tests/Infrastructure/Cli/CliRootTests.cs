using DataGouvTerr.Hub.Infrastructure.Cli;

namespace DataGouvTerr.Hub.Tests.Infrastructure.Cli;

public sealed class CliRootTests
{
    [Theory]
    [InlineData(new[] { "token", "create", "--member", "asso-velo" }, true)]
    [InlineData(new[] { "--Store:DataDirectory=/tmp/x", "token", "create", "--member", "asso-velo" }, true)]
    [InlineData(new[] { "--Store:Provider", "postgres", "migrate" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:8080" }, false)]
    [InlineData(new[] { "--Store:DataDirectory=/tmp/x" }, false)]
    [InlineData(new string[0], false)]
    public void A_verb_is_recognised_after_configuration_switches_and_only_then(string[] args, bool isVerb) =>
        Assert.Equal(isVerb, CliRoot.IsVerb(args));

    [Fact]
    public void Configuration_switches_go_to_the_host_and_the_rest_to_the_verb()
    {
        var (verb, config) = CliRoot.Split(["--Store:DataDirectory=/tmp/x", "token", "create", "--Store:Provider", "sqlite", "--member", "m"]);
        Assert.Equal(["token", "create", "--member", "m"], verb);
        Assert.Equal(["--Store:DataDirectory=/tmp/x", "--Store:Provider", "sqlite"], config);
    }
}
