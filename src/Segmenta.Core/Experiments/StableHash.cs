using System.Security.Cryptography;
using System.Text;

namespace Segmenta.Core.Experiments;

/// <summary>
/// Stable, platform-independent hashing of (salt, id) to a uniform number in [0, 1): SHA-256 of the UTF-8 bytes of
/// <c>salt + U+001F + id</c>, first 8 bytes read big-endian as an unsigned 64-bit integer, top 53 bits divided by 2^53.
/// </summary>
public static class StableHash
{
    private const char Separator = '\u001F';

    /// <summary>The first 64 bits (big-endian) of SHA-256(UTF-8(salt + U+001F + id)).</summary>
    /// <param name="salt">The salt (experiment or global control salt).</param>
    /// <param name="id">The customer id.</param>
    public static ulong Hash64(string salt, string id)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(id);
        var text = string.Concat(salt, Separator.ToString(), id);
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, digest);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>The uniform position in [0, 1) of (salt, id): <c>(Hash64 &gt;&gt; 11) / 2^53</c>.</summary>
    /// <param name="salt">The salt (experiment or global control salt).</param>
    /// <param name="id">The customer id.</param>
    public static double Unit(string salt, string id) => (Hash64(salt, id) >> 11) * (1.0 / (1UL << 53));
}
