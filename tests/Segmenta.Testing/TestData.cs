namespace Segmenta.Testing;

/// <summary>
/// Finds the public datasets the tests reproduce published figures on. The repository ships
/// copies in <c>data/</c> (see data/README.md for provenance); <c>SEGMENTA_DATA</c> overrides.
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
        return System.IO.Path.Combine(RepositoryRoot, "data");
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
