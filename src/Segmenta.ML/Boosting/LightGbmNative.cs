using System.Runtime.InteropServices;

namespace Segmenta.ML.Boosting;

/// <summary>
/// The few functions of LightGBM's C API (include/LightGBM/c_api.h) that Segmenta uses, from the
/// lib_lightgbm the <c>LightGBM</c> NuGet package ships (runtimes/&lt;rid&gt;/native, found through the
/// app's deps.json). Every call returns 0 on success or −1 with the reason in LGBM_GetLastError.
/// </summary>
internal static unsafe partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";

    public const int Float32 = 0;
    public const int Float64 = 1;
    public const int PredictNormal = 0;
    public const int PredictRawScore = 1;
    public const int PredictContributions = 3;
    public const int ImportanceGain = 1;

    /// <summary>
    /// Before lib_lightgbm (and with it libgomp) loads, OpenMP's waiting is chosen by how busy the machine is.
    /// At every barrier a thread waits for its peers. On a quiet machine they arrive within microseconds, so a
    /// short spin (10,000 rounds) is best: never spinning (OMP_WAIT_POLICY=passive) cost a quarter more
    /// training time. On a machine busier than its cores (Segmenta runs beside its database and web server) a
    /// spinning thread holds a core its descheduled peer needs: 1 M × 60 training took 1.9× longer with the
    /// short spin than passive, 3× with libgomp's default spin (docs/benchmarks.md). A user's OMP_WAIT_POLICY
    /// or GOMP_SPINCOUNT is kept.
    /// </summary>
    static LightGbmNative()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is not null
            || Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is not null)
        {
            return;
        }
        if (LoadAverage() > 1.5 * Environment.ProcessorCount)
        {
            _ = setenv("OMP_WAIT_POLICY", "passive", 0);
        }
        else
        {
            _ = setenv("GOMP_SPINCOUNT", "10000", 0);
        }
    }

    // The one-minute load average (runnable processes), or 0 where /proc/loadavg does not exist.
    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : 0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    [LibraryImport(Library)]
    private static partial nint LGBM_GetLastError();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetCreateFromMat(void* data, int dataType, int rows, int columns, int isRowMajor, string parameters, nint reference, out DatasetHandle dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_DatasetSetField(DatasetHandle dataset, string field, void* data, int count, int type);

    [LibraryImport(Library)]
    public static partial int LGBM_DatasetFree(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterCreate(DatasetHandle train, string parameters, out BoosterHandle booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterLoadModelFromString(string model, out int iterations, out BoosterHandle booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFree(nint booster);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterUpdateOneIter(BoosterHandle booster, out int producedEmptyTree);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumPredict(BoosterHandle booster, int dataIndex, out long length);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetPredict(BoosterHandle booster, int dataIndex, out long length, double* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterGetNumFeature(BoosterHandle booster, out int features);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int LGBM_BoosterPredictForMat(BoosterHandle booster, void* data, int dataType, int rows, int columns, int isRowMajor,
        int predictType, int startIteration, int iterations, string parameters, out long outLength, double* result);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterSaveModelToString(BoosterHandle booster, int startIteration, int iterations, int importanceType,
        long bufferLength, out long outLength, byte* buffer);

    [LibraryImport(Library)]
    public static partial int LGBM_BoosterFeatureImportance(BoosterHandle booster, int iterations, int importanceType, double* result);

    /// <summary>Throws with LightGBM's own message when <paramref name="status"/> reports a failure.</summary>
    public static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
        }
    }
}

/// <summary>A LightGBM dataset, freed exactly once.</summary>
internal sealed class DatasetHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_DatasetFree(handle) == 0;
}

/// <summary>A LightGBM booster, freed exactly once.</summary>
internal sealed class BoosterHandle() : SafeHandle(0, ownsHandle: true)
{
    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle() => LightGbmNative.LGBM_BoosterFree(handle) == 0;
}
