using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Infrastructure.Persistence;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>The Merkle log: intact under concurrency, broken (with the right id) by a direct edit. Each test tampers or floods, so owns its hub.</summary>
public sealed class AuditChainTests
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_entry_edited_in_the_database_is_detected_with_its_id(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync("metropole-rouen");
        for (var i = 0; i < 5; i++)
        {
            await client.GetAsync($"/contract?n={i}");
        }
        Assert.True((await VerifyAsync(hub)).Intact);

        // A tamperer with database rights first has to drop the append-only trigger.
        await hub.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "DROP TRIGGER audit_log_no_change ON audit_log" : "DROP TRIGGER audit_log_no_update");
            return await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"RowsReturned\" = 999 WHERE \"Id\" = 3");
        });

        var broken = await VerifyAsync(hub);
        Assert.False(broken.Intact);
        Assert.Equal(3, broken.FirstBrokenId);
        Assert.Equal(2, broken.EntriesChecked);
        Assert.Contains("edited", broken.Reason);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task An_entry_rewritten_with_a_recomputed_leaf_hash_no_longer_matches_its_signed_root(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var client = await hub.ClientForAsync("metropole-rouen");
        for (var i = 0; i < 4; i++)
        {
            await client.GetAsync($"/contract?n={i}");
        }
        await hub.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "DROP TRIGGER audit_log_no_change ON audit_log" : "DROP TRIGGER audit_log_no_update");
            var entry = await db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == 2);
            entry.MemberId = "someone-else";
            var leaf = AuditLeaf.HashHex(entry);
            return await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET \"MemberId\" = 'someone-else', \"LeafHash\" = {leaf} WHERE \"Id\" = 2");
        });

        var broken = await VerifyAsync(hub);

        // The leaf now matches the entry, but the subtree it completed (and the root signed then) cover the old leaf.
        Assert.Equal(2, broken.FirstBrokenId);
        Assert.Contains("do not match the tree rebuilt from the entries", broken.Reason);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Concurrent_requests_keep_the_chain_intact(string provider)
    {
        await using var hub = await HubFactory.StartAsync(provider);
        var clients = await Task.WhenAll(new[] { "metropole-rouen", "region-normandie", "asso-velo", "tiers-de-confiance" }
            .Select(m => hub.ClientForAsync(m)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => clients[i % clients.Length].GetAsync($"/contract?i={i}")));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode));
        var result = await VerifyAsync(hub);
        Assert.True(result.Intact, result.Reason);
        Assert.Equal(60, result.EntriesChecked);
    }

    private static async Task<AuditVerification> VerifyAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }
}

/// <summary>The <c>audit verify</c> and <c>token</c> verbs, run as the CLI runs them, output captured.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditAndTokenVerbTests
{
    [Fact]
    public async Task Audit_verify_exits_non_zero_and_names_the_first_broken_entry()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);
        var client = await hub.ClientForAsync("metropole-rouen");
        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/contract");
        }
        var intact = await Cli.RunAsync(hub, "audit", "verify");
        await hub.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_log_no_update");
            return await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Decision\" = 'denied' WHERE \"Id\" = 2");
        });

        var broken = await Cli.RunAsync(hub, "audit", "verify");

        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("intact: 3 entries", intact.Out);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("BROKEN at entry 2", broken.Error);
        // The verb re-installs the append-only triggers before it runs (store initialisation), so the log is guarded again.
        var reinstalled = await hub.WithDbAsync(db => db.Database
            .SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'").SingleAsync());
        Assert.Equal(1, reinstalled);
    }

    [Fact]
    public async Task Token_verbs_create_list_and_revoke_and_create_prints_the_token_alone_on_its_last_line()
    {
        await using var hub = await HubFactory.StartAsync(StoreProviders.Sqlite);

        // A year ahead: an expiry more than 5 years away is refused (issue 11).
        var expires = hub.Clock.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = await Cli.RunAsync(hub, "token", "create", "--member", "metropole-rouen", "--expires", expires, "--label", "cli test");
        var token = created.Out.TrimEnd().Split('\n')[^1].Trim();
        var client = TokenLifecycleTests.Bearer(hub, token);
        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("dgt_", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/contract")).StatusCode);

        var listed = await Cli.RunAsync(hub, "token", "list", "--member", "metropole-rouen");
        var line = Assert.Single(listed.Out.Split('\n'), l => l.Contains("cli test"));
        Assert.Contains("\tactive\t", line);
        Assert.Contains("expires " + expires, line);
        Assert.DoesNotContain(token.Split('_')[2], listed.Out);

        var revoked = await Cli.RunAsync(hub, "token", "revoke", line.Split('\t')[0]);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/contract")).StatusCode);
        Assert.Contains("\trevoked\t", (await Cli.RunAsync(hub, "token", "list")).Out);

        var unknown = await Cli.RunAsync(hub, "token", "create", "--member", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("'nobody' is not a party", unknown.Error);
    }
}
