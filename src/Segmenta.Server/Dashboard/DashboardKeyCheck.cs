namespace Segmenta.Server.Dashboard;

/// <summary>Decides whether a pasted key may open the dashboard (an existing, unrevoked admin key).</summary>
public interface IDashboardKeyCheck
{
    /// <summary>True when <paramref name="key"/> is a valid admin key.</summary>
    Task<bool> IsAdminAsync(string key, CancellationToken cancellationToken);
}
