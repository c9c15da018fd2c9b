using System.Text.Json;
using System.Text.Json.Serialization;
using Segmenta.Core;
using Segmenta.Storage.DuckDb;
using Segmenta.Storage.Import;

namespace Segmenta.Engine.Workspaces;

/// <summary>
/// A workspace is a folder: segmenta.json, the DuckDB database, models/ and reports/. It is chosen
/// by <c>--workspace</c>, else <c>SEGMENTA_WORKSPACE</c>, else the current folder; the first command
/// run in a folder without segmenta.json initialises it.
/// </summary>
public sealed class Workspace : IAsyncDisposable
{
    /// <summary>The settings file name.</summary>
    public const string SettingsFile = "segmenta.json";

    /// <summary>JSON options for segmenta.json: snake_case, indented.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // segmenta.json is edited by people: keep rules (">=") and Korean names readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Workspace(string directory, WorkspaceSettings settings, DuckDbEngine engine)
    {
        Directory = directory;
        Settings = settings;
        Engine = engine;
    }

    /// <summary>The workspace folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The settings read from segmenta.json.</summary>
    public WorkspaceSettings Settings { get; }

    /// <summary>The analytics engine.</summary>
    public DuckDbEngine Engine { get; }

    /// <summary>Where reports are written.</summary>
    public string ReportsDirectory => Path.Combine(Directory, "reports");

    /// <summary>Where models are saved.</summary>
    public string ModelsDirectory => Path.Combine(Directory, "models");

    /// <summary>An importer following this workspace's settings.</summary>
    public Importer CreateImporter() => new(Engine, Settings.ToImportSettings());

    /// <summary>The folder chosen by option, environment or current directory.</summary>
    public static string Resolve(string? option) =>
        Path.GetFullPath(option ?? Environment.GetEnvironmentVariable("SEGMENTA_WORKSPACE") ?? System.IO.Directory.GetCurrentDirectory());

    /// <summary>Writes segmenta.json and the folders; refuses to overwrite an existing workspace.</summary>
    public static WorkspaceSettings Initialise(string directory, WorkspaceSettings? settings = null)
    {
        var file = Path.Combine(directory, SettingsFile);
        if (File.Exists(file))
        {
            throw new SegmentaInputException($"{file} already exists: this folder is already a workspace");
        }
        settings ??= WorkspaceSettings.CreateDefault();
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "models"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "reports"));
        File.WriteAllText(file, JsonSerializer.Serialize(settings, JsonOptions) + "\n");
        return settings;
    }

    /// <summary>Opens the workspace in <paramref name="directory"/>, initialising it when it has no segmenta.json.</summary>
    public static async Task<Workspace> OpenAsync(string directory, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(directory, SettingsFile);
        WorkspaceSettings settings;
        if (!File.Exists(file))
        {
            settings = Initialise(directory);
        }
        else
        {
            try
            {
                settings = JsonSerializer.Deserialize<WorkspaceSettings>(File.ReadAllText(file), JsonOptions)
                    ?? throw new SegmentaInputException($"{file}: empty settings");
            }
            catch (JsonException e)
            {
                throw new SegmentaInputException($"{file}: invalid JSON at line {e.LineNumber + 1}: {e.Message}", e);
            }
        }
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(settings.Shop.TimeZone);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new SegmentaInputException($"{file}: shop.time_zone '{settings.Shop.TimeZone}' is not a known IANA zone (e.g. Asia/Seoul)", e);
        }
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "models"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "reports"));
        var engine = await DuckDbEngine.OpenAsync(Path.Combine(directory, settings.Database), cancellationToken).ConfigureAwait(false);
        return new Workspace(directory, settings, engine);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
