using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Segmenta.Server.Security;

/// <summary>
/// Authenticates a request by its API key: <c>Authorization: Bearer &lt;key&gt;</c>, or the
/// <c>segmenta_key</c> cookie the dashboard's login page sets. Failures answer problem+json.
/// </summary>
public sealed class ApiKeyAuthentication : AuthenticationHandler<AuthenticationSchemeOptions>
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The cookie carrying the key for browser sessions.</summary>
    public const string CookieName = "segmenta_key";

    /// <summary>The claim holding the key's scope.</summary>
    public const string ScopeClaim = "scope";

    private readonly ApiKeyRing _ring;

    /// <summary>Created by the authentication middleware.</summary>
    public ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
        : base(options, logger, encoder) => _ring = ring;

    /// <summary>The key presented with <paramref name="request"/>, or null.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        return request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) ? cookie : null;
    }

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var key = _ring.Find(presented);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown or revoked API key"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, key.Name), new Claim(ScopeClaim, key.Scope)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var presented = PresentedKey(Request) is not null;
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            presented ? "The API key is unknown or revoked" : "An API key is required",
            presented ? "check the key, or create one with `segmenta keys create NAME --scope ingest|admin`"
                      : "send it as `Authorization: Bearer <key>` (or the segmenta_key cookie)");
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "This key's scope does not allow this route",
            $"key '{Context.User.Identity?.Name}' has scope '{Context.User.FindFirstValue(ScopeClaim)}'; this route needs an admin key");
}
