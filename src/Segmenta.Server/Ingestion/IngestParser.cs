using System.Globalization;
using System.Text.Json;
using Segmenta.Storage.Ingestion;

namespace Segmenta.Server.Ingestion;

/// <summary>A request body that cannot be accepted; <see cref="Field"/> names where (JSON path).</summary>
public sealed class IngestValidationException : Exception
{
    /// <summary>Creates the error for <paramref name="field"/>.</summary>
    public IngestValidationException(string field, string message) : base(message) => Field = field;

    /// <summary>Creates an error without a field.</summary>
    public IngestValidationException() : this("", "invalid body") { }

    /// <summary>Creates an error without a field.</summary>
    public IngestValidationException(string message) : this("", message) { }

    /// <summary>Creates an error without a field.</summary>
    public IngestValidationException(string message, Exception inner) : base(message, inner) => Field = "";

    /// <summary>The offending field as a JSON path, e.g. <c>batch[3].timestamp</c>.</summary>
    public string Field { get; }
}

/// <summary>
/// Reads Segment-spec bodies (track, page, screen, identify, batch) and Segmenta order bodies into
/// typed batches. Every message is checked whole: one bad field rejects the request (nothing stored).
/// Event names map to canonical types exactly as the <c>segment</c> import preset does.
/// </summary>
public static class IngestParser
{
    private const int MaxIdLength = 256;

    /// <summary>Parses a body for <paramref name="route"/> (<c>track</c>, <c>page</c>, <c>identify</c>, <c>batch</c>).</summary>
    public static IngestBatch ParseEvents(JsonElement body, string route, DateTime receivedUtc)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new IngestValidationException("", "the body must be a JSON object");
        }
        var events = new List<IngestEvent>();
        if (route == "batch")
        {
            var batch = Required(body, "batch", "", JsonValueKind.Array);
            var i = 0;
            foreach (var item in batch.EnumerateArray())
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"batch[{i++}]");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new IngestValidationException(path, $"{path} must be a JSON object");
                }
                var type = Text(item, "type", path) ?? throw new IngestValidationException(path + ".type", $"{path}.type is required (track, page, screen or identify)");
                events.Add(Event(item, type.ToLowerInvariant(), path, receivedUtc));
            }
            if (events.Count == 0)
            {
                throw new IngestValidationException("batch", "batch is empty");
            }
        }
        else
        {
            events.Add(Event(body, route, "", receivedUtc));
        }
        return new IngestBatch(events, []);
    }

    /// <summary>Parses /v1/orders: one order object, or <c>{"orders": [...]}</c>.</summary>
    public static IngestBatch ParseOrders(JsonElement body, DateTime receivedUtc)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new IngestValidationException("", "the body must be a JSON object");
        }
        var orders = new List<IngestOrder>();
        if (body.TryGetProperty("orders", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw new IngestValidationException("orders", "orders must be a non-empty array");
            }
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                orders.Add(Order(item, string.Create(CultureInfo.InvariantCulture, $"orders[{i++}]"), receivedUtc));
            }
        }
        else
        {
            orders.Add(Order(body, "", receivedUtc));
        }
        return new IngestBatch([], orders);
    }

    private static IngestEvent Event(JsonElement m, string type, string path, DateTime receivedUtc)
    {
        var messageId = Id(m, "messageId", path) ?? throw new IngestValidationException(Join(path, "messageId"), $"{Join(path, "messageId")} is required: it is the idempotency key");
        var userId = Id(m, "userId", path);
        var anonymousId = Id(m, "anonymousId", path);
        if (userId is null && anonymousId is null)
        {
            throw new IngestValidationException(Join(path, "userId"), $"{Join(path, "userId")} or {Join(path, "anonymousId")} is required");
        }
        var occurredAt = Time(m, path, receivedUtc);
        var properties = Optional(m, "properties", path, JsonValueKind.Object);
        var context = Optional(m, "context", path, JsonValueKind.Object);
        var propsPath = Join(path, "properties");
        string eventType = type switch
        {
            "page" or "screen" => "page_view",
            "identify" => "identify",
            "track" => MapTrack(Text(m, "event", path) ?? throw new IngestValidationException(Join(path, "event"), $"{Join(path, "event")} is required on a track call")),
            _ => throw new IngestValidationException(Join(path, "type"), $"{Join(path, "type")} '{type}' is not track, page, screen or identify"),
        };
        var page = context is { } c && c.TryGetProperty("page", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
        var campaign = context is { } c2 && c2.TryGetProperty("campaign", out var cp) && cp.ValueKind == JsonValueKind.Object ? cp : (JsonElement?)null;
        var device = context is { } c3 && c3.TryGetProperty("device", out var d) && d.ValueKind == JsonValueKind.Object ? d : (JsonElement?)null;
        var ctxPath = Join(path, "context");
        string? productId = null;
        if (properties is { } props)
        {
            productId = Id(props, "product_id", propsPath);
            if (productId is null && props.TryGetProperty("products", out var products) && products.ValueKind == JsonValueKind.Array && products.GetArrayLength() > 0
                && products[0].ValueKind == JsonValueKind.Object)
            {
                productId = Id(products[0], "product_id", propsPath + ".products[0]");
            }
        }
        return new IngestEvent(
            messageId, userId, anonymousId, eventType, occurredAt,
            PageUrl: Text(properties, "url", propsPath) ?? Text(page, "url", ctxPath + ".page"),
            Referrer: Text(properties, "referrer", propsPath) ?? Text(page, "referrer", ctxPath + ".page"),
            Device: Text(device, "type", ctxPath + ".device")?.ToLowerInvariant(),
            Channel: (Text(campaign, "medium", ctxPath + ".campaign") ?? Text(campaign, "source", ctxPath + ".campaign"))?.ToLowerInvariant(),
            Campaign: Text(campaign, "name", ctxPath + ".campaign"),
            ProductId: productId,
            Category: Text(properties, "category", propsPath),
            Value: Number(properties, "revenue", propsPath) ?? Number(properties, "total", propsPath) ?? Number(properties, "value", propsPath) ?? Number(properties, "price", propsPath),
            OrderId: Id(properties, "order_id", propsPath),
            Traits: type == "identify" && userId is not null ? Traits(m, path) : null);
    }

    private static IngestTraits? Traits(JsonElement m, string path)
    {
        var traits = Optional(m, "traits", path, JsonValueKind.Object);
        if (traits is not { } t)
        {
            return null;
        }
        var tp = Join(path, "traits");
        var address = Optional(t, "address", tp, JsonValueKind.Object);
        DateTime? signup = null;
        if (Text(t, "createdAt", tp) is { } created)
        {
            signup = DateTimeOffset.TryParse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? DateTime.SpecifyKind(at.UtcDateTime, DateTimeKind.Unspecified)
                : throw new IngestValidationException(tp + ".createdAt", $"{tp}.createdAt '{created}' is not an ISO 8601 date/time");
        }
        var result = new IngestTraits(Text(t, "email", tp), Text(t, "phone", tp), Text(t, "country", tp) ?? Text(address, "country", tp + ".address"), signup);
        return result == new IngestTraits(null, null, null, null) ? null : result;
    }

    /// <summary>Segment's e-commerce event names to canonical types (the <c>segment</c> import preset's table).</summary>
    public static string MapTrack(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        return key switch
        {
            "product viewed" => "product_view",
            "product added" => "add_to_cart",
            "product removed" => "remove_from_cart",
            "checkout started" => "begin_checkout",
            "order completed" => "purchase",
            "signed up" => "signup",
            "coupon applied" => "coupon_applied",
            "email opened" => "message_open",
            "email link clicked" => "message_click",
            _ => System.Text.RegularExpressions.Regex.Replace(key, "[^a-z0-9]+", "_"),
        };
    }

    private static IngestOrder Order(JsonElement o, string path, DateTime receivedUtc)
    {
        if (o.ValueKind != JsonValueKind.Object)
        {
            throw new IngestValidationException(path, $"{(path.Length == 0 ? "the order" : path)} must be a JSON object");
        }
        var orderId = Id(o, "orderId", path) ?? throw new IngestValidationException(Join(path, "orderId"), $"{Join(path, "orderId")} is required: it is the idempotency key");
        var status = (Text(o, "status", path) ?? "placed").ToLowerInvariant();
        if (status is not ("placed" or "cancelled" or "refunded"))
        {
            throw new IngestValidationException(Join(path, "status"), $"{Join(path, "status")} '{status}' is not placed, cancelled or refunded");
        }
        var lines = Required(o, "lines", path, JsonValueKind.Array);
        if (lines.GetArrayLength() == 0)
        {
            throw new IngestValidationException(Join(path, "lines"), $"{Join(path, "lines")} must hold at least one line");
        }
        var parsed = new List<IngestLine>();
        var i = 0;
        foreach (var line in lines.EnumerateArray())
        {
            var lp = string.Create(CultureInfo.InvariantCulture, $"{Join(path, "lines")}[{i++}]");
            if (line.ValueKind != JsonValueKind.Object)
            {
                throw new IngestValidationException(lp, $"{lp} must be a JSON object");
            }
            var quantity = Number(line, "quantity", lp) ?? 1;
            var price = Number(line, "unitPrice", lp) ?? throw new IngestValidationException(lp + ".unitPrice", $"{lp}.unitPrice is required");
            if (quantity <= 0)
            {
                throw new IngestValidationException(lp + ".quantity", $"{lp}.quantity must be positive (send cancellations as status cancelled)");
            }
            if (price < 0)
            {
                throw new IngestValidationException(lp + ".unitPrice", $"{lp}.unitPrice must not be negative");
            }
            parsed.Add(new IngestLine(Id(line, "productId", lp), Text(line, "description", lp), Text(line, "category", lp), quantity, price));
        }
        return new IngestOrder(orderId, Id(o, "userId", path), Time(o, path, receivedUtc), status,
            Text(o, "coupon", path), Text(o, "campaignId", path), Text(o, "channel", path)?.ToLowerInvariant(), Text(o, "country", path), parsed);
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : path + "." + field;

    private static JsonElement Required(JsonElement m, string name, string path, JsonValueKind kind) =>
        Optional(m, name, path, kind) ?? throw new IngestValidationException(Join(path, name), $"{Join(path, name)} is required");

    private static JsonElement? Optional(JsonElement m, string name, string path, JsonValueKind kind)
    {
        if (!m.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != kind)
        {
            throw new IngestValidationException(Join(path, name), $"{Join(path, name)} must be {(kind == JsonValueKind.Array ? "an array" : "an object")}, not {Kind(v)}");
        }
        return v;
    }

    private static string? Text(JsonElement? m, string name, string path)
    {
        if (m is not { } o || !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new IngestValidationException(Join(path, name), $"{Join(path, name)} must be a string, not {Kind(v)}");
        }
        var s = v.GetString()!;
        if (s.Length > 2048)
        {
            throw new IngestValidationException(Join(path, name), $"{Join(path, name)} is longer than 2048 characters");
        }
        return s.Length == 0 ? null : s;
    }

    /// <summary>An id: a string, or an integer number (written invariantly).</summary>
    private static string? Id(JsonElement? m, string name, string path)
    {
        if (m is { } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture)
                : throw new IngestValidationException(Join(path, name), $"{Join(path, name)} must be a string or an integer");
        }
        var s = Text(m, name, path);
        if (s is not null && s.Length > MaxIdLength)
        {
            throw new IngestValidationException(Join(path, name), $"{Join(path, name)} is longer than {MaxIdLength} characters");
        }
        return s;
    }

    private static double? Number(JsonElement? m, string name, string path)
    {
        if (m is not { } o || !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            throw new IngestValidationException(Join(path, name), $"{Join(path, name)} must be a number, not {Kind(v)}");
        }
        return d;
    }

    private static DateTime Time(JsonElement m, string path, DateTime receivedUtc)
    {
        var text = Text(m, "timestamp", path);
        if (text is null)
        {
            return receivedUtc;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            throw new IngestValidationException(Join(path, "timestamp"), $"{Join(path, "timestamp")} '{text}' is not an ISO 8601 date/time");
        }
        return DateTime.SpecifyKind(t.UtcDateTime, DateTimeKind.Unspecified);
    }

    private static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
