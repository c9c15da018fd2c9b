using Segmenta.Engine.Workspaces;
using Segmenta.Server;
using Segmenta.Server.Security;

namespace Segmenta.Dashboard.Tests;

/// <summary>Real keys from the workspace's key store (hashed in the database like any other).</summary>
internal static class TestKeys
{
    public static Task<string> CreateAdminKeyAsync(Workspace workspace) => ApiKeyStore.CreateAsync(workspace, "dashboard-tests", SegmentaPolicies.Admin);

    public static Task<string> CreateIngestKeyAsync(Workspace workspace) => ApiKeyStore.CreateAsync(workspace, "dashboard-browser-sdk", SegmentaPolicies.Ingest);
}
