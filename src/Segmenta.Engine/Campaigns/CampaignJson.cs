using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Core.Campaigns;
using Segmenta.Engine.Workspaces;

namespace Segmenta.Engine.Campaigns;

/// <summary>How coupon and campaign definitions are stored in the workspace database (snake_case JSON).</summary>
public static class CampaignJson
{
    /// <summary>The serializer options: segmenta.json's, with enums as snake_case names.</summary>
    public static readonly JsonSerializerOptions Options = new(Workspace.JsonOptions)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serialises a definition.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a coupon.</summary>
    public static Coupon ReadCoupon(string json) => JsonSerializer.Deserialize<Coupon>(json, Options)!;

    /// <summary>Reads a campaign.</summary>
    public static CampaignDefinition ReadCampaign(string json) => JsonSerializer.Deserialize<CampaignDefinition>(json, Options)!;
}
