namespace Segmenta.Testing;

/// <summary>
/// Finds the public datasets the tests reproduce published figures on: the workplace's shared
/// data folder, <c>../shared/data</c> next to the checkout (provenance in its README.md), found by
/// walking up from the repository root; <c>SEGMENTA_DATA</c> overrides. The data is not copied
/// into the repository.
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of a file under the data folder, e.g. <c>cdnow/CDNOW_sample.txt</c>.</summary>
    public static string Path(string relative)
    {
        var full = System.IO.Path.Combine(Root.Value, relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new FileNotFoundException($"test data file not found: {full}");
        }
        return full;
    }

    /// <summary>The repository root (the folder that holds Segmenta.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("SEGMENTA_DATA");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }
        for (var dir = new DirectoryInfo(RepositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"cannot find the shared datasets: no shared/data folder above {RepositoryRoot}; set SEGMENTA_DATA to the folder that holds online_retail/, cdnow/, groceries/ and hillstrom/");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Segmenta.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("cannot find the repository root (Segmenta.slnx) above " + AppContext.BaseDirectory);
    }
}
