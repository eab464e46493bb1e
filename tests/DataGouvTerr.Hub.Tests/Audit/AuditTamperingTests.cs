using System.Net;
using System.Text.Json.Nodes;
using DataGouvTerr.Hub.Audit;
using DataGouvTerr.Hub.Audit.Transparency;
using DataGouvTerr.Hub.Tests.Access;
using DataGouvTerr.Hub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataGouvTerr.Hub.Tests.Audit;

/// <summary>
/// Someone with write access to the database, but not the signing key, cuts the log's tail, rewrites an entry and
/// recomputes every hash after it, or appends a forged entry. A member holding an earlier receipt
/// (<c>audit check-receipt</c>, run as the CLI runs it), <c>audit verify</c>, and the hub itself (which then refuses to
/// answer rather than sign over the damage) each notice, on both stores. Each test tampers, so owns its hub.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AuditTamperingTests
{
    public static TheoryData<string, string> Attacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { StoreProviders.Sqlite, StoreProviders.Postgres })
        {
            foreach (var attack in new[] { "truncate", "rewrite", "forge" })
            {
                data.Add(provider, attack);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task A_database_writer_without_the_key_is_caught_by_audit_verify_and_the_hub_stops_answering(string provider, string attack)
    {
        await using var hub = await StartAsync(provider);
        var token = (await hub.CreateTokenAsync("metropole-rouen")).PlainText;
        var member = TokenLifecycleTests.Bearer(hub, token);
        var receipt = Path.Combine(hub.DataDirectory, "member-receipt.json");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await member.GetAsync($"/contract?n={i}");
        }
        Assert.Equal(0, (await CheckReceiptAsync(hub, token, receipt, last)).ExitCode);
        var receiptBefore = await File.ReadAllTextAsync(receipt);
        var size = await hub.WithDbAsync(db => db.Set<AuditEntry>().MaxAsync(e => e.Id));

        await hub.WithDbAsync(async db =>
        {
            switch (attack)
            {
                case "truncate": await AuditTamper.TruncateAsync(db, newest: 3); break;
                case "rewrite": await AuditTamper.RewriteAndRehashAsync(db, id: 2, member: "someone-else"); break;
                default: await AuditTamper.ForgeAppendAsync(db, member: "metropole-rouen"); break;
            }
            return 0;
        });

        var verified = await VerifyAsync(hub);
        var next = await member.GetAsync("/contract?after-tampering");
        var check = await CheckReceiptAsync(hub, token, receipt, null);

        Assert.False(verified.Intact);
        Assert.Equal(attack switch { "truncate" => size - 2, "rewrite" => 2L, _ => size + 1 }, verified.FirstBrokenId);
        Assert.Contains(attack == "truncate" ? "truncated" : "not signed by this log's key", verified.Reason);
        // The hub never signs over the damage: it stops answering, and says why.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, next.StatusCode);
        Assert.Contains("could not be written", await TokenLifecycleTests.DetailAsync(next));
        Assert.True(check.ExitCode == 1, check.Out + check.Error);
        Assert.Contains("the hub refuses to answer", check.Error);
        Assert.Equal(receiptBefore, await File.ReadAllTextAsync(receipt)); // the evidence is kept
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task An_operator_holding_the_key_and_the_files_is_still_caught_by_a_member_receipt(string provider, string attack)
    {
        // The worst case: whoever runs the hub controls the database, the checkpoint file and the key, re-signs after
        // tampering and restarts. audit verify then finds a consistent log; only what members kept can prove otherwise.
        await using var hub = await StartAsync(provider);
        var token = (await hub.CreateTokenAsync("metropole-rouen")).PlainText;
        var member = TokenLifecycleTests.Bearer(hub, token);
        var receipt = Path.Combine(hub.DataDirectory, "member-receipt.json");
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await member.GetAsync($"/contract?n={i}"));
        }
        Assert.Equal(0, (await CheckReceiptAsync(hub, token, receipt, answers[^1], [.. answers.SkipLast(1)])).ExitCode);
        var signer = hub.Services.GetRequiredService<TreeHeadSigner>();

        await hub.WithDbAsync(async db =>
        {
            switch (attack)
            {
                case "truncate": await AuditTamper.TruncateAsync(db, newest: await db.Set<AuditEntry>().CountAsync() - 4); break; // keeps 4
                case "rewrite": await AuditTamper.RewriteAndRehashAsync(db, id: 2, member: "someone-else", signer); break;
                default: await AuditTamper.ForgeAppendAsync(db, member: "someone-else", signer); break;
            }
            return 0;
        });
        File.Delete(hub.Services.GetRequiredService<AuditCheckpoint>().FilePath);
        await using var restarted = await HubFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Store:DataDirectory"] = hub.DataDirectory,
            ["Store:ConnectionString"] = hub.PostgresConnectionString,
        });
        var restartedMember = TokenLifecycleTests.Bearer(restarted, token);
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await restartedMember.GetAsync($"/contract?after={i}")).StatusCode);
        }

        var verified = await VerifyAsync(restarted);
        var check = await CheckReceiptAsync(restarted, token, receipt, null);

        Assert.True(verified.Intact, verified.Reason); // re-signed with the key: nothing inside the hub can tell
        if (attack == "forge")
        {
            // An entry appended with the key is an entry of the log: members' receipts still hold (the key is the trust).
            Assert.True(check.ExitCode == 0, check.Out + check.Error);
            return;
        }
        Assert.True(check.ExitCode == 1, check.Out + check.Error);
        Assert.Contains("does not extend the head", check.Error); // the tree the member holds is not a prefix of the new one
        Assert.Contains(attack == "rewrite"
            ? "the hub will not prove entry 2 any more" // it now reads as someone else's
            : "entry 5 is no longer in the log as you were given it", check.Error); // cut, then replaced by newer requests
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_rewrite_that_keeps_the_signed_roots_fails_the_members_proofs(string provider)
    {
        // A subtler tamperer leaves every signed head as it was and only edits an entry and the stored subtrees: the
        // heads still verify, but no honest proof can be served for the member's entries any more.
        await using var hub = await StartAsync(provider);
        var token = (await hub.CreateTokenAsync("metropole-rouen")).PlainText;
        var member = TokenLifecycleTests.Bearer(hub, token);
        var receipt = Path.Combine(hub.DataDirectory, "member-receipt.json");
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await member.GetAsync($"/contract?n={i}"));
        }
        Assert.Equal(0, (await CheckReceiptAsync(hub, token, receipt, responses[0], responses.Skip(1).ToArray())).ExitCode);

        await hub.WithDbAsync(async db =>
        {
            await AuditTamper.DropGuardsAsync(db);
            // Entry 3 becomes someone else's, its leaf and the subtrees above it recomputed; roots and signatures untouched.
            var entry = await db.Set<AuditEntry>().SingleAsync(e => e.Id == 3);
            entry.MemberId = "someone-else";
            entry.LeafHash = AuditLeaf.HashHex(entry);
            var right = await db.Set<AuditEntry>().Where(e => e.Id == 4).Select(e => e.LeafHash).SingleAsync();
            var pair = MerkleTree.HashChildren(Convert.FromHexString(entry.LeafHash), Convert.FromHexString(right));
            var node = await db.Set<AuditTreeNode>().SingleAsync(n => n.Level == 1 && n.Index == 1);
            node.Hash = Convert.ToHexStringLower(pair);
            return await db.SaveChangesAsync();
        });

        var check = await CheckReceiptAsync(hub, token, receipt, null);
        var verified = await VerifyAsync(hub);

        Assert.True(check.ExitCode == 1, check.Out + check.Error);
        Assert.Contains("the hub will not prove entry 3 any more", check.Error); // entry 3 now reads as someone else's
        Assert.Equal(3, verified.FirstBrokenId);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_receipt_checks_out_while_the_log_only_grows_and_is_updated_to_the_latest_head(string provider)
    {
        await using var hub = await StartAsync(provider);
        var token = (await hub.CreateTokenAsync("region-normandie")).PlainText;
        var member = TokenLifecycleTests.Bearer(hub, token);
        var receipt = Path.Combine(hub.DataDirectory, "member-receipt.json");
        var firstAnswer = await member.GetAsync("/contract");

        var first = await CheckReceiptAsync(hub, token, receipt, firstAnswer);
        for (var i = 0; i < 9; i++)
        {
            await (await hub.ClientForAsync("asso-velo")).GetAsync("/contract");
        }
        var second = await CheckReceiptAsync(hub, token, receipt, null);
        var verifyVerb = await Cli.RunAsync(hub, "audit", "verify");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Trusting the key", first.Out);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("the log only grew since your head of", second.Out);
        Assert.Contains("entry 1 is in the log unchanged", second.Out);
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(receipt))!;
        Assert.True(SignedTreeHead.TryParse((string?)saved["head"], out var head));
        Assert.True(head.TreeSize > 10, $"{head.TreeSize}"); // 1 + 9 requests, then the first check's own requests
        Assert.Equal(0, verifyVerb.ExitCode);
        Assert.Contains("Audit log intact", verifyVerb.Out);
    }

    [Theory]
    [MemberData(nameof(StoreProviders.All), MemberType = typeof(StoreProviders))]
    public async Task A_request_whose_entry_cannot_be_written_is_answered_503_and_serves_nothing(string provider)
    {
        await using var hub = await StartAsync(provider);
        var member = await hub.ClientForAsync("metropole-rouen");
        // The store refuses this one insert, as a full disk or a lost connection would.
        await hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(db.IsPostgres
            ? """
              CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
              CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW WHEN (NEW."Parameters" LIKE '%refuse-me%') EXECUTE FUNCTION refuse_audit();
              """
            : """CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW."Parameters" LIKE '%refuse-me%' BEGIN SELECT RAISE(ABORT, 'disk full'); END;"""));

        var refused = await member.GetAsync("/contract?refuse-me");
        var body = await refused.Content.ReadAsStringAsync();
        var served = await member.GetAsync("/contract?fine");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.DoesNotContain("metropole-rouen", body); // the contract the handler produced never left
        Assert.False(refused.Headers.Contains(SignedTreeHead.HeaderName));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True((await VerifyAsync(hub)).Intact);
    }

    private static Task<HubFactory> StartAsync(string provider) =>
        HubFactory.StartAsync(provider, new Dictionary<string, string?> { ["Audit:CheckpointEverySeconds"] = "0" });

    /// <summary>Runs <c>audit check-receipt</c> as a member would, over the in-process server.</summary>
    private static Task<(int ExitCode, string Out, string Error)> CheckReceiptAsync(
        HubFactory hub, string token, string receipt, HttpResponseMessage? answer, params HttpResponseMessage[] more)
    {
        hub.Services.GetRequiredService<AuditReceiptHttp>().Handler = hub.Server.CreateHandler();
        var args = new List<string> { "audit", "check-receipt", "--hub", "http://localhost", "--token", token, "--receipt", receipt };
        foreach (var response in new[] { answer }.Concat(more).OfType<HttpResponseMessage>())
        {
            args.AddRange(["--head", AuditTransparencyTests.Header(response, SignedTreeHead.HeaderName)]);
            args.AddRange(["--entry", AuditTransparencyTests.Header(response, AuditReceipt.EntryHeaderName)]);
        }
        return Cli.RunAsync(hub, [.. args]);
    }

    private static async Task<AuditVerification> VerifyAsync(HubFactory hub)
    {
        await using var scope = hub.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }
}
