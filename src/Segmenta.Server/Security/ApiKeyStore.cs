using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Segmenta.Core;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Access;

namespace Segmenta.Server.Security;

/// <summary>An active key as the server knows it: name, scope, and the SHA-256 of the key.</summary>
/// <param name="Name">The key's name (shown in audit rows and rate-limit partitions).</param>
/// <param name="Scope"><c>ingest</c> or <c>admin</c>.</param>
/// <param name="Hash">SHA-256 of the key's UTF-8 text.</param>
public sealed record ApiKey(string Name, string Scope, byte[] Hash);

/// <summary>A key as listed (never the key itself).</summary>
/// <param name="Name">The key's name.</param>
/// <param name="Scope"><c>ingest</c> or <c>admin</c>.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="RevokedAt">When it was revoked (UTC), or null while active.</param>
public sealed record ApiKeyInfo(string Name, string Scope, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// API keys: 32 random bytes shown once as <c>sk_</c> + base64url, stored only as a SHA-256 hash in
/// the workspace database, checked by hashing the presented key and comparing hashes in constant time.
/// </summary>
public static class ApiKeyStore
{
    /// <summary>The scopes a key may have.</summary>
    public static readonly IReadOnlyList<string> Scopes = [SegmentaPolicies.Ingest, SegmentaPolicies.Admin];

    private static readonly ConditionalWeakTable<Workspace, ApiKeyRing> Rings = [];

    /// <summary>Makes <paramref name="ring"/> follow the workspace's keys: loaded now and after every create or revoke in this process.</summary>
    public static async Task AttachAsync(Workspace workspace, ApiKeyRing ring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(ring);
        Rings.AddOrUpdate(workspace, ring);
        ring.Load(await ActiveAsync(workspace, cancellationToken).ConfigureAwait(false));
    }

    private static async Task RefreshAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (Rings.TryGetValue(workspace, out var ring))
        {
            ring.Load(await ActiveAsync(workspace, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Creates a key in the workspace and returns its text (the only time it is seen).</summary>
    public static async Task<string> CreateAsync(Workspace workspace, string name, string scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        CheckName(name);
        if (!Scopes.Contains(scope))
        {
            throw new SegmentaInputException($"--scope {scope}: expected ingest or admin");
        }
        var key = "sk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await AccessTables.InsertKeyAsync(workspace.Engine, name, scope, Convert.ToHexStringLower(Hash(key)), DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(workspace, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Revokes the active key named <paramref name="name"/>; false when there is none.</summary>
    public static async Task<bool> RevokeAsync(Workspace workspace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var revoked = await AccessTables.RevokeKeyAsync(workspace.Engine, name, DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(workspace, cancellationToken).ConfigureAwait(false);
        return revoked;
    }

    /// <summary>Every key, active and revoked, oldest first.</summary>
    public static async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var table = await AccessTables.KeysAsync(workspace.Engine, cancellationToken).ConfigureAwait(false);
        return table.Rows.Select(r => new ApiKeyInfo((string)r[0]!, (string)r[1]!, (DateTime)r[3]!, r[4] as DateTime?)).ToList();
    }

    /// <summary>The active keys.</summary>
    public static async Task<IReadOnlyList<ApiKey>> ActiveAsync(Workspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var table = await AccessTables.KeysAsync(workspace.Engine, cancellationToken).ConfigureAwait(false);
        return table.Rows.Where(r => r[4] is null)
            .Select(r => new ApiKey((string)r[0]!, (string)r[1]!, Convert.FromHexString((string)r[2]!)))
            .ToList();
    }

    /// <summary>SHA-256 of the key text.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new SegmentaInputException($"key name '{name}': use 1-64 letters, digits, '-', '_' or '.'");
        }
    }
}

/// <summary>
/// The server's in-memory view of the active keys (loaded at start; refreshed when the server itself
/// creates or revokes one — while serving, the server holds the database, so the CLI cannot change keys).
/// </summary>
public sealed class ApiKeyRing
{
    private volatile IReadOnlyList<ApiKey> _keys = [];

    /// <summary>Replaces the known keys.</summary>
    public void Load(IReadOnlyList<ApiKey> keys)
    {
        _keys = keys;
    }

    /// <summary>The key whose hash matches <paramref name="presented"/>, or null. Every stored hash is compared in constant time.</summary>
    public ApiKey? Find(string presented)
    {
        var hash = ApiKeyStore.Hash(presented);
        ApiKey? match = null;
        foreach (var key in _keys)
        {
            // No early exit: the time taken does not depend on which key (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash))
            {
                match = key;
            }
        }
        return match;
    }
}
