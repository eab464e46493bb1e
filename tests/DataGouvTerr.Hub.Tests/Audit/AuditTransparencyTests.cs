using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>Receipts, proofs and what gets stored, through real HTTP on a hub per store shared by the class.</summary>
public sealed class AuditTransparencyTests(HubPerProvider hubs) : IClassFixture<HubPerProvider>
{
    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Every_answer_to_a_member_carries_its_entry_and_a_head_signed_by_the_published_key(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var member = await hub.ClientForAsync("agence-urbanisme");

        var first = await member.GetAsync("/contract");
        var refused = await member.GetAsync("/contract/history"); // a 403 is audited and receipted too
        var key = await hub.CreateClient().GetFromJsonAsync<JsonElement>("/audit/key");

        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(key.GetProperty("public_key_pem").GetString());
        foreach (var response in new[] { first, refused })
        {
            Assert.True(SignedTreeHead.TryParse(Header(response, SignedTreeHead.HeaderName), out var head));
            var (id, leaf) = Entry(response);
            Assert.Equal(id, head.TreeSize); // the head is the tree that ends with this very entry
            Assert.True(TreeHeadSigner.Verify(publicKey, head));
            var stored = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == id));
            Assert.Equal(Convert.ToHexStringLower(leaf), stored.LeafHash);
            Assert.Equal(stored.LeafHash, AuditLeaf.HashHex(stored));
        }
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False((await hub.CreateClient().GetAsync("/health")).Headers.Contains(SignedTreeHead.HeaderName)); // no token, no entry
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task Proofs_show_an_entry_is_in_a_later_tree_and_the_later_tree_extends_the_earlier_head(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var member = await hub.ClientForAsync("region-normandie");
        var response = await member.GetAsync("/contract");
        Assert.True(SignedTreeHead.TryParse(Header(response, SignedTreeHead.HeaderName), out var earlier));
        var (id, leaf) = Entry(response);
        for (var i = 0; i < 5; i++)
        {
            await (await hub.ClientForAsync("asso-velo")).GetAsync("/contract");
        }

        var proofs = await member.GetFromJsonAsync<JsonElement>($"/audit/proofs?entry={id}&from_size={earlier.TreeSize}");

        Assert.True(SignedTreeHead.TryParse(proofs.GetProperty("tree_head").GetProperty("compact").GetString(), out var later));
        Assert.True(later.TreeSize >= earlier.TreeSize + 5);
        Assert.True(hub.Services.GetRequiredService<TreeHeadSigner>().Verify(later));
        Assert.True(MerkleTree.VerifyInclusion(id - 1, later.TreeSize, leaf, Hashes(proofs.GetProperty("inclusion").GetProperty("path")), later.RootHash));
        Assert.True(MerkleTree.VerifyConsistency(earlier.TreeSize, later.TreeSize, earlier.RootHash, later.RootHash,
            Hashes(proofs.GetProperty("consistency").GetProperty("path"))));
        Assert.Equal("region-normandie", proofs.GetProperty("inclusion").GetProperty("entry").GetProperty("member").GetString());
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_member_gets_inclusion_proofs_of_its_own_entries_only_and_consistency_proofs_of_any_size(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var (otherId, _) = Entry(await (await hub.ClientForAsync("asso-velo")).GetAsync("/contract"));
        var member = await hub.ClientForAsync("agence-urbanisme");
        var admin = await hub.ClientForAsync("tiers-de-confiance");

        var someoneElses = await member.GetAsync($"/audit/proofs?entry={otherId}");
        var consistency = await member.GetAsync("/audit/proofs?from_size=1");
        var asAdmin = await admin.GetAsync($"/audit/proofs?entry={otherId}");

        Assert.Equal(HttpStatusCode.Forbidden, someoneElses.StatusCode);
        Assert.Contains("own entries only", await TokenLifecycleTests.DetailAsync(someoneElses));
        Assert.Equal(HttpStatusCode.OK, consistency.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Theory]
    [InlineData("entry=0", "entry")]
    [InlineData("entry=abc", "entry")]
    [InlineData("tree_size=99999999999", "tree_size")]
    [InlineData("from_size=-1", "from_size")]
    [InlineData("tree_size=1&entry=2", "entry")]
    public async Task A_bad_proof_request_is_a_400_naming_the_parameter(string query, string field)
    {
        var hub = await hubs.GetAsync(StoreProviders.Sqlite);
        var admin = await hub.ClientForAsync("tiers-de-confiance");
        await admin.GetAsync("/contract");
        await admin.GetAsync("/contract");

        var response = await admin.GetAsync($"/audit/proofs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task NUL_bytes_and_broken_text_are_stored_escaped_and_the_log_still_verifies(string provider)
    {
        var hub = await hubs.GetAsync(provider);
        var member = await hub.ClientForAsync("metropole-rouen");
        var tag = Guid.NewGuid().ToString("N");
        // PostgreSQL text refuses NUL and a lone surrogate cannot be encoded: every field gets both.
        var nasty = $"{tag}\0\ud800\\\u001b";
        var trail = hub.Services.CreateScope().ServiceProvider.GetRequiredService<IAuditTrail>();

        var receipt = await trail.RecordAsync(new AuditRecord(nasty, nasty, $"GET /gtfs/feeds/{nasty}", "denied", nasty, $"?q={nasty}", 0, nasty, 400, nasty),
            CancellationToken.None);
        var viaHttp = await member.GetAsync($"/contract?t={tag}%00&label=%00%ff%c3%c0%80");

        var stored = await hub.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == receipt.EntryId));
        Assert.Equal($"GET /gtfs/feeds/{tag}\\u0000\\ud800\\\\\\u001b", stored.Endpoint);
        Assert.Equal(nasty, Regex.Unescape(stored.MemberId!)); // reversible: what the client sent can be read back
        Assert.Equal(stored.LeafHash, AuditLeaf.HashHex(stored));
        Assert.True((int)viaHttp.StatusCode < 500, $"{viaHttp.StatusCode}");
        Assert.True(await hub.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Id == Entry(viaHttp).Id && e.Parameters!.Contains(tag))));
        await using var scope = hub.Scope();
        var verified = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(verified.Intact, verified.Reason);
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header");

    internal static (long Id, byte[] Leaf) Entry(HttpResponseMessage response)
    {
        var parts = Header(response, AuditReceipt.EntryHeaderName).Split('.');
        return (long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Convert.FromHexString(parts[1]));
    }

    private static List<byte[]> Hashes(JsonElement array) => array.EnumerateArray().Select(h => Convert.FromHexString(h.GetString()!)).ToList();
}
