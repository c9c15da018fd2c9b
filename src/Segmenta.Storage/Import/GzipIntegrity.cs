using System.Buffers.Binary;
using System.IO.Compression;
using Segmenta.Core;

namespace Segmenta.Storage.Import;

/// <summary>
/// DuckDB's gzip reader treats a truncated stream as a normal end of file, which would import half a
/// file without a word. So a .gz is read through once first: it must decompress to the end and its
/// length must equal the ISIZE in the gzip trailer (RFC 1952).
/// </summary>
internal static class GzipIntegrity
{
    public static void Check(string path, string shown)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        long length;
        uint trailerSize;
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length < 18)
            {
                throw new SegmentaInputException($"{shown}: not a complete gzip file ({file.Length} bytes); nothing was imported");
            }
            file.Seek(-4, SeekOrigin.End);
            Span<byte> tail = stackalloc byte[4];
            file.ReadExactly(tail);
            trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(tail);
            file.Seek(0, SeekOrigin.Begin);
            using var zip = new GZipStream(file, CompressionMode.Decompress);
            var buffer = new byte[1 << 20];
            length = 0;
            int n;
            while ((n = zip.Read(buffer)) > 0)
            {
                length += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw new SegmentaInputException($"{shown}: the gzip data is damaged ({e.Message}); nothing was imported", e);
        }
        if ((uint)length != trailerSize)
        {
            throw new SegmentaInputException(
                $"{shown}: the gzip file is truncated (it decompresses to {length} bytes but its trailer says {trailerSize}); nothing was imported");
        }
    }
}
