using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Segmenta.Core;

namespace Segmenta.Storage.Ingestion;

/// <summary>
/// The append-only ingestion log: one line per accepted request, <c>JSON TAB checksum LF</c>.
/// Appends are group-committed — one writer takes every request waiting, writes them and fsyncs
/// once — and a request is acknowledged only after the fsync that covers it. On open, records past
/// the loaded offset are returned for replay; a torn last record (never acknowledged) is cut off.
/// </summary>
public sealed class IngestLog : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly FileStream _file;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<IReadOnlyList<DurableBatch>> _onDurable;
    private readonly Task _writer;

    private IngestLog(FileStream file, Action<IReadOnlyList<DurableBatch>> onDurable)
    {
        _file = file;
        _onDurable = onDurable;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The log file.</summary>
    public string Path => _file.Name;

    /// <summary>Bytes made durable so far (the end of the last fsynced record).</summary>
    public long DurableOffset { get; private set; }

    /// <summary>True after a failed write could not be undone: nothing more is accepted.</summary>
    public bool Broken { get; private set; }

    /// <summary>fsyncs done (each covers every request that was waiting).</summary>
    public long Syncs { get; private set; }

    /// <summary>
    /// Opens (creating) the log at <paramref name="path"/>: returns the records after <paramref name="loadedOffset"/>
    /// for replay, cuts off a torn tail, then accepts appends; <paramref name="onDurable"/> gets every batch once fsynced, in log order.
    /// </summary>
    public static (IngestLog Log, IReadOnlyList<DurableBatch> Unloaded) Open(string path, long loadedOffset, Action<IReadOnlyList<DurableBatch>> onDurable)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16);
        try
        {
            if (loadedOffset > file.Length)
            {
                throw new SegmentaInputException($"{path}: the database says {loadedOffset} bytes were loaded but the log holds only {file.Length}: the log was replaced or truncated");
            }
            var (unloaded, validEnd) = ReadFrom(file, loadedOffset);
            if (validEnd < file.Length)
            {
                file.SetLength(validEnd); // the torn record was never acknowledged
                file.Flush(true);
            }
            file.Position = validEnd;
            return (new IngestLog(file, onDurable) { DurableOffset = validEnd }, unloaded);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="batch"/> and completes once it is on disk; returns the record's end offset.</summary>
    public Task<long> AppendAsync(IngestBatch batch)
    {
        if (Broken)
        {
            throw new IOException("the ingestion log could not be restored after a failed write; restart the server");
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(batch, Json);
        var line = new byte[json.Length + 18];
        json.CopyTo(line, 0);
        line[json.Length] = (byte)'\t';
        Encoding.ASCII.GetBytes(Checksum(json).ToString("x16", CultureInfo.InvariantCulture), line.AsSpan(json.Length + 1));
        line[^1] = (byte)'\n';
        var pending = new Pending(batch, line, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the ingestion log is closed");
        }
        return pending.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        var durable = new List<DurableBatch>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            durable.Clear();
            while (group.Count < 10_000 && _queue.Reader.TryRead(out var p))
            {
                group.Add(p);
            }
            var start = _file.Position;
            try
            {
                var offset = start;
                foreach (var p in group)
                {
                    _file.Write(p.Line);
                    offset += p.Line.Length;
                    durable.Add(new DurableBatch(offset, p.Batch));
                }
                _file.Flush(flushToDisk: true);
                Syncs++;
                DurableOffset = offset;
            }
            catch (IOException e)
            {
                // Cut the partial group off, so later records never follow garbage (replay stops at the first bad line).
                try
                {
                    _file.SetLength(start);
                    _file.Position = start;
                }
                catch (IOException)
                {
                    Broken = true;
                }
                foreach (var p in group)
                {
                    p.Done.TrySetException(e);
                }
                continue;
            }
            // Hand to the loader first, so a batch is never acknowledged yet unknown to it.
            _onDurable(durable.ToList());
            foreach (var (p, d) in group.Zip(durable))
            {
                p.Done.TrySetResult(d.EndOffset);
            }
        }
    }

    /// <summary>Reads every complete, intact record after <paramref name="from"/>; returns them and where the intact part ends.</summary>
    private static (IReadOnlyList<DurableBatch> Records, long End) ReadFrom(FileStream file, long from)
    {
        var records = new List<DurableBatch>();
        file.Position = from;
        var end = from;
        var buffer = new MemoryStream();
        int b;
        while ((b = file.ReadByte()) >= 0)
        {
            if (b != '\n')
            {
                buffer.WriteByte((byte)b);
                continue;
            }
            var line = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            buffer.SetLength(0);
            var tab = line.LastIndexOf((byte)'\t');
            if (tab < 0 || line.Length - tab - 1 != 16
                || !ulong.TryParse(Encoding.ASCII.GetString(line[(tab + 1)..]), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var sum)
                || sum != Checksum(line[..tab]))
            {
                break; // torn or damaged: nothing after it was acknowledged
            }
            var batch = JsonSerializer.Deserialize<IngestBatch>(line[..tab], Json)!;
            end += line.Length + 1;
            records.Add(new DurableBatch(end, batch));
        }
        return (records, end);
    }

    /// <summary>FNV-1a, 64-bit: enough to tell a torn write from a whole one.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return hash;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record Pending(IngestBatch Batch, byte[] Line, TaskCompletionSource<long> Done);
}
