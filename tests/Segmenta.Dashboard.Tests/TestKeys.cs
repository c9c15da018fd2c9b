using Segmenta.Engine.Workspaces;

namespace Segmenta.Dashboard.Tests;

/// <summary>Admin keys for the tests.</summary>
internal static class TestKeys
{
    /// <summary>Until the key store lands every key passes the placeholder policies; then this creates a real one.</summary>
    public static Task<string> CreateAdminKeyAsync(Workspace workspace) => Task.FromResult("sk_test_placeholder_" + workspace.Settings.Privacy.Salt[..8]);
}
