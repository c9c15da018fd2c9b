namespace Segmenta.Engine.Demo;

/// <summary>Settings of <c>segmenta demo</c>.</summary>
public sealed record DemoOptions
{
    /// <summary>Registered customers to simulate (anonymous visitors come on top, see docs/simulator.md).</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Days of shop history.</summary>
    public int Days { get; init; } = 365;

    /// <summary>Seed: the same seed gives the same shop.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Keep the simulated CSV files in demo-data/ after importing them.</summary>
    public bool KeepFiles { get; init; }

    /// <summary>Clear a workspace that already holds data before simulating.</summary>
    public bool Reset { get; init; }
}
