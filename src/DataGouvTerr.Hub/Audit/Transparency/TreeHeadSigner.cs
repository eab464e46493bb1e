using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace DataGouvTerr.Hub.Audit.Transparency;

/// <summary>
/// Where the key that signs tree heads comes from. The point of the key is that the database does not hold it: whoever
/// can write the database can rewrite entries but cannot sign a head over the rewritten tree.
/// </summary>
public sealed class AuditSigningOptions
{
    public const string Section = "Audit";

    /// <summary>PKCS#8 PEM of an ECDSA P-256 private key, e.g. from a secret in the environment (<c>Audit__SigningKey</c>).</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// File holding that PEM when <see cref="SigningKey"/> is unset; default <c>{Store:DataDirectory}/audit-signing-key.pem</c>,
    /// generated on first run (the embedded default). In production point it at a secret mount the database never sees.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// File where the hub keeps the latest head it signed, outside the database, so <c>audit verify</c> notices a log cut
    /// short; default <c>{Store:DataDirectory}/audit-checkpoint</c>.
    /// </summary>
    public string? CheckpointFile { get; set; }

    /// <summary>How often, at most, the checkpoint file is rewritten (appends in between only sign).</summary>
    public double CheckpointEverySeconds { get; set; } = 5;
}

/// <summary>Signs and checks tree heads with the log's ECDSA P-256 key (one per process, loaded or generated once).</summary>
public sealed class TreeHeadSigner : IDisposable
{
    private readonly ECDsa _key;

    public TreeHeadSigner(IOptions<AuditSigningOptions> options, IOptions<Infrastructure.Persistence.StoreOptions> store, ILogger<TreeHeadSigner> logger)
    {
        var o = options.Value;
        _key = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(o.SigningKey))
        {
            _key.ImportFromPem(o.SigningKey);
            Source = "configuration (Audit:SigningKey)";
        }
        else
        {
            var path = Path.GetFullPath(o.SigningKeyFile ?? Path.Combine(store.Value.DataDirectory, "audit-signing-key.pem"));
            if (File.Exists(path))
            {
                _key.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                Generate(path);
                logger.LogWarning(
                    "Generated a new audit signing key (ECDSA P-256) at {Path}: tree heads are signed with it. Keep it out of the database's backups and "
                    + "give members its public key (GET /audit/key); in production set Audit:SigningKeyFile to a secret the database never sees.", path);
            }
            Source = path;
        }
        if (_key.KeySize != 256)
        {
            throw new InvalidOperationException($"The audit signing key ({Source}) must be ECDSA P-256, not a {_key.KeySize}-bit key.");
        }
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>Where the key was read from, for logs.</summary>
    public string Source { get; }

    public string PublicKeyPem { get; }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo DER), as Certificate Transparency names its logs.</summary>
    public string KeyId { get; }

    public SignedTreeHead Sign(long treeSize, long timestampMs, byte[] root) => new(treeSize, timestampMs, root,
        _key.SignData(SignedTreeHead.SignedMessage(treeSize, timestampMs, root), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public bool Verify(SignedTreeHead head) => Verify(_key, head);

    public static bool Verify(ECDsa publicKey, SignedTreeHead head)
    {
        try
        {
            return publicKey.VerifyData(SignedTreeHead.SignedMessage(head.TreeSize, head.TimestampMs, head.RootHash), head.Signature,
                HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private void Generate(string path)
    {
        _key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside then moved, readable by the owner only, so a half-written key is never picked up.
        var temp = path + ".tmp";
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var writer = new StreamWriter(temp, file))
        {
            writer.Write(_key.ExportPkcs8PrivateKeyPem());
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process of the same hub generated it first: use theirs, so both sign with one key.
            File.Delete(temp);
            _key.ImportFromPem(File.ReadAllText(path));
        }
    }

    public void Dispose() => _key.Dispose();
}
