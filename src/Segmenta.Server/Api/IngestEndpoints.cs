using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Segmenta.Server.Ingestion;
using Segmenta.Storage.Ingestion;

namespace Segmenta.Server.Api;

/// <summary>
/// POST /v1/track, /v1/page, /v1/screen, /v1/identify, /v1/batch (Segment spec) and /v1/orders.
/// 200 only once the request is in the fsynced log; 400/413/429 with problem+json otherwise.
/// </summary>
public static class IngestEndpoints
{
    /// <summary>Maps the ingestion routes (ingest or admin keys; CORS allowlist applies).</summary>
    public static IEndpointRouteBuilder MapIngestRoutes(this IEndpointRouteBuilder app)
    {
        foreach (var route in new[] { "track", "page", "screen", "identify", "batch" })
        {
            app.MapPost("/v1/" + route, (HttpContext context, IngestPipeline pipeline, ServerSettings settings) =>
                    IngestAsync(context, pipeline, settings, (body, now) => IngestParser.ParseEvents(body, route, now)))
                .RequireAuthorization(SegmentaPolicies.Ingest).RequireCors(ApiEndpoints.IngestCors).WithTags("Ingestion");
        }
        app.MapPost("/v1/orders", (HttpContext context, IngestPipeline pipeline, ServerSettings settings) =>
                IngestAsync(context, pipeline, settings, IngestParser.ParseOrders))
            .RequireAuthorization(SegmentaPolicies.Ingest).RequireCors(ApiEndpoints.IngestCors).WithTags("Ingestion");
        app.MapGet("/v1/ingest/status", (IngestPipeline pipeline) => Results.Ok(Status(pipeline.Status)))
            .RequireAuthorization(SegmentaPolicies.Admin).WithTags("Ingestion");
        app.MapGet("/v1/ingest/reconcile", async (IngestPipeline pipeline, QueryGate gate, string prefix, bool? wait, CancellationToken ct) =>
        {
            if (wait == true)
            {
                await pipeline.WaitLoadedAsync(ct).ConfigureAwait(false);
            }
            var t = await gate.RunAsync(e => e.QueryAsync(
                "SELECT count(*) AS events, count(DISTINCT event_id) AS distinct_message_ids, coalesce(sum(value), 0)::BIGINT AS value_sum FROM events WHERE starts_with(event_id, $1)",
                [prefix], ct), ct).ConfigureAwait(false);
            return Results.Ok(t.ToDictionaries()[0]);
        }).RequireAuthorization(SegmentaPolicies.Admin).WithTags("Ingestion");
        return app;
    }

    private static object Status(IngestStatus s) => new
    {
        durable_offset = s.DurableOffset,
        loaded_offset = s.LoadedOffset,
        pending_messages = s.PendingMessages,
        syncs = s.Syncs,
        loads = s.Loads,
        last_load_at = s.LastLoadAt,
    };

    private static async Task<IResult> IngestAsync(HttpContext context, IngestPipeline pipeline, ServerSettings settings, Func<JsonElement, DateTime, IngestBatch> parse)
    {
        if (pipeline.IsBehind)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problems.Result(StatusCodes.Status429TooManyRequests, "The loader is behind",
                $"more than {settings.MaxPendingMessages} acknowledged messages are waiting to be loaded; retry after 1 s");
        }
        var limit = settings.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge(limit);
        }
        IngestBatch batch;
        try
        {
            using var document = JsonDocument.Parse(body.Value);
            batch = parse(document.RootElement, DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified));
        }
        catch (JsonException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"the body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); nothing was stored");
        }
        catch (IngestValidationException e)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "Invalid field", e.Message + "; nothing was stored", e.Field);
        }
        await pipeline.AcceptAsync(batch).ConfigureAwait(false);
        return Results.Ok(new { success = true, accepted = batch.Count });
    }

    private static IResult TooLarge(int limit) =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"the body exceeds {limit} bytes (server.max_body_bytes); split it into smaller batches; nothing was stored");

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, int limit)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = null; // this route counts for itself, to answer 413 as problem+json
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var span = buffer.GetMemory(8192);
            var read = await context.Request.Body.ReadAsync(span, context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
