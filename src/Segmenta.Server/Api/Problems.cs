using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Segmenta.Server;

/// <summary>RFC 9457 problem+json bodies: every 4xx/5xx the API sends names what went wrong and where.</summary>
public static class Problems
{
    /// <summary>Writes a problem document (title, status, detail, optional field) as the response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(Body(status, title, detail, field)), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A problem result for minimal-API handlers.</summary>
    public static IResult Result(int status, string title, string detail, string? field = null) =>
        Results.Json(Body(status, title, detail, field), contentType: "application/problem+json", statusCode: status);

    private static Dictionary<string, object> Body(int status, string title, string detail, string? field)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["type"] = "about:blank",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        };
        if (field is not null)
        {
            body["field"] = field;
        }
        return body;
    }
}
