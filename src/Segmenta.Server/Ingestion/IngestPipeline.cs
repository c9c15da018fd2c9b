using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Segmenta.Engine.Workspaces;
using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Ingestion;

namespace Segmenta.Server.Ingestion;

/// <summary>Ingestion progress for /v1/ingest/status and backpressure.</summary>
/// <param name="DurableOffset">Log bytes acknowledged (fsynced).</param>
/// <param name="LoadedOffset">Log bytes loaded into the engine.</param>
/// <param name="PendingMessages">Acknowledged events and orders not yet loaded.</param>
/// <param name="Syncs">fsyncs done since start (each covers every request waiting).</param>
/// <param name="Loads">Loads done since start.</param>
/// <param name="LastLoadAt">When the last load committed (UTC), or null.</param>
public sealed record IngestStatus(long DurableOffset, long LoadedOffset, long PendingMessages, long Syncs, long Loads, DateTime? LastLoadAt);

/// <summary>
/// Request → log (group-committed fsync) → acknowledgement; a background loop moves durable batches
/// into the engine through its own DuckDB connection. At start, the log tail past the offset the
/// database records as loaded is replayed before requests are taken.
/// </summary>
public sealed class IngestPipeline : IHostedService, IAsyncDisposable
{
    /// <summary>The log file, relative to the workspace folder.</summary>
    public const string LogFile = "ingest/ingest.log";

    private const int MaxMessagesPerLoad = 200_000;
    private readonly Workspace _workspace;
    private readonly ServerSettings _settings;
    private readonly ILogger<IngestPipeline> _logger;
    private readonly Channel<DurableBatch> _durable = Channel.CreateUnbounded<DurableBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stopping = new();
    private DuckDbEngine? _engine;
    private IngestLoader? _loader;
    private IngestLog? _log;
    private Task? _loop;
    private long _pending;
    private int _disposed;
    private long _loadedOffset;
    private long _loads;
    private DateTime? _lastLoadAt;
    private TaskCompletionSource _loadedSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Created by the host.</summary>
    public IngestPipeline(Workspace workspace, ServerSettings settings, ILogger<IngestPipeline> logger)
    {
        _workspace = workspace;
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Whether the loader is too far behind to take more (answer 429).</summary>
    public bool IsBehind => Interlocked.Read(ref _pending) >= _settings.MaxPendingMessages;

    /// <summary>The current progress.</summary>
    public IngestStatus Status => new(_log?.DurableOffset ?? 0, Interlocked.Read(ref _loadedOffset), Interlocked.Read(ref _pending),
        _log?.Syncs ?? 0, Interlocked.Read(ref _loads), _lastLoadAt);

    /// <summary>Opens the loader's connection and the log, replays the unloaded tail, starts the loop.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _engine = await DuckDbEngine.OpenAsync(_workspace.Engine.Path, cancellationToken).ConfigureAwait(false);
        if (_settings.EngineThreads > 0)
        {
            // DuckDB's worker threads are per database: leave cores to the request path so acknowledgements stay fast.
            await _engine.ExecuteAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET threads = {_settings.EngineThreads}"), null, cancellationToken).ConfigureAwait(false);
        }
        _loader = await IngestLoader.OpenAsync(_engine, _workspace.Settings.ToImportSettings(), LogFile, cancellationToken).ConfigureAwait(false);
        var loaded = await _loader.LoadedOffsetAsync(cancellationToken).ConfigureAwait(false);
        _loadedOffset = loaded;
        var (log, unloaded) = IngestLog.Open(Path.Combine(_workspace.Directory, LogFile), loaded, OnDurable);
        _log = log;
        if (unloaded.Count > 0)
        {
            var replay = await _loader.LoadAsync(unloaded, cancellationToken).ConfigureAwait(false);
            _loadedOffset = replay.LoadedOffset;
            _logger.LogInformation("Replayed {Batches} logged batches: {Events} events and {Orders} orders not loaded before the last stop",
                unloaded.Count, replay.EventsLoaded, replay.OrdersLoaded);
        }
        _loop = Task.Run(LoadLoopAsync, CancellationToken.None);
    }

    /// <summary>Makes <paramref name="batch"/> durable; completes when it is acknowledged.</summary>
    public Task<long> AcceptAsync(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Add(ref _pending, batch.Count);
        return _log!.AppendAsync(batch);
    }

    /// <summary>Completes once everything acknowledged so far is loaded (for tests and freshness checks).</summary>
    public async Task WaitLoadedAsync(CancellationToken cancellationToken = default)
    {
        var target = _log!.DurableOffset;
        while (true)
        {
            var signal = _loadedSignal; // taken before the check, so a load finishing in between still wakes us
            if (Interlocked.Read(ref _loadedOffset) >= target)
            {
                return;
            }
            await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void OnDurable(IReadOnlyList<DurableBatch> batches)
    {
        foreach (var b in batches)
        {
            _durable.Writer.TryWrite(b);
        }
    }

    private async Task LoadLoopAsync()
    {
        var token = _stopping.Token;
        var take = new List<DurableBatch>();
        try
        {
            while (await _durable.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                take.Clear();
                var messages = 0;
                while (messages < MaxMessagesPerLoad && _durable.Reader.TryRead(out var b))
                {
                    take.Add(b);
                    messages += b.Batch.Count;
                }
                var watch = Stopwatch.StartNew();
                try
                {
                    var result = await _loader!.LoadAsync(take, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Exchange(ref _loadedOffset, result.LoadedOffset);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The batches stay in the log: a restart replays them. Keep acknowledging nothing new as loaded.
                    _logger.LogError(e, "Loading {Batches} ingested batches failed; they stay in the log and are replayed on restart", take.Count);
                    throw;
                }
                Interlocked.Add(ref _pending, -messages);
                Interlocked.Increment(ref _loads);
                _lastLoadAt = DateTime.UtcNow;
                _logger.LogDebug("Loaded {Messages} messages in {Ms} ms", messages, watch.ElapsedMilliseconds);
                Interlocked.Exchange(ref _loadedSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops taking requests' batches, loads what is durable, closes the log.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_log is not null)
        {
            await _log.DisposeAsync().ConfigureAwait(false); // completes in-flight appends
        }
        _durable.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_engine is not null)
        {
            await _engine.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }
}
