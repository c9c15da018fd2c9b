namespace Segmenta.ML;

/// <summary>Settings of the gradient-boosted purchase model (LightGBM), with documented defaults.</summary>
public sealed record PurchaseModelOptions
{
    /// <summary>Boosting rounds (trees).</summary>
    public int NumberOfTrees { get; init; } = 200;

    /// <summary>Leaves per tree.</summary>
    public int NumberOfLeaves { get; init; } = 31;

    /// <summary>Shrinkage per tree.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Smallest number of rows in a leaf.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    /// <summary>Training threads; 0 = one per core. With 1 the model is bit-for-bit repeatable (tests pin 1).</summary>
    public int Threads { get; init; }

    /// <summary>Seed, so the same data gives the same model.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Eligibility: minimum converting rows in training (below it, the fallback model is used).</summary>
    public int MinimumPositives { get; init; } = 50;

    /// <summary>Eligibility: minimum non-converting rows in training.</summary>
    public int MinimumNegatives { get; init; } = 50;
}
