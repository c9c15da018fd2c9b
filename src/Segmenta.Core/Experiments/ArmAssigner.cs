using System.Globalization;

namespace Segmenta.Core.Experiments;

/// <summary>
/// Deterministic A/B/n assignment by hashing: a customer's arm depends only on (customer id, experiment salt) and the
/// arm weights, so every run, machine and process gives the same answer without storing assignments.
/// A customer is first checked against the global control group (its own fixed salt, the same for every experiment);
/// the remaining customers are placed by their experiment bucket into the arm whose cumulative weight range contains it.
/// </summary>
public sealed class ArmAssigner
{
    private readonly string _salt;
    private readonly string _globalSalt;
    private readonly double _globalShare;
    private readonly string[] _names;
    private readonly double[] _upperBounds;

    /// <summary>Validates the options and prepares the cumulative weight table.</summary>
    /// <param name="options">Salt, arms and global control settings.</param>
    /// <exception cref="SegmentaInputException">The salt is empty, there are no arms, a name repeats, a weight is not positive, or the global control percentage is outside [0, 100).</exception>
    public ArmAssigner(ArmAssignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ExperimentSalt))
        {
            throw new SegmentaInputException("experiment salt must not be empty");
        }
        if (options.Arms is null || options.Arms.Count == 0)
        {
            throw new SegmentaInputException("an experiment needs at least one arm");
        }
        if (string.IsNullOrWhiteSpace(options.GlobalControlSalt))
        {
            throw new SegmentaInputException("global control salt must not be empty");
        }
        if (!(options.GlobalControlPercent >= 0 && options.GlobalControlPercent < 100))
        {
            throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                $"global control percent must be in [0, 100), got {options.GlobalControlPercent}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        double total = 0;
        foreach (var arm in options.Arms)
        {
            if (arm is null || string.IsNullOrWhiteSpace(arm.Name))
            {
                throw new SegmentaInputException("every arm needs a non-empty name");
            }
            if (!seen.Add(arm.Name))
            {
                throw new SegmentaInputException($"arm name '{arm.Name}' is used twice");
            }
            if (!(arm.Weight > 0) || double.IsInfinity(arm.Weight))
            {
                throw new SegmentaInputException(string.Create(CultureInfo.InvariantCulture,
                    $"arm '{arm.Name}' has weight {arm.Weight}; weights must be positive and finite"));
            }
            total += arm.Weight;
        }

        _salt = options.ExperimentSalt;
        _globalSalt = options.GlobalControlSalt;
        _globalShare = options.GlobalControlPercent / 100.0;
        _names = options.Arms.Select(a => a.Name).ToArray();
        _upperBounds = new double[_names.Length];
        double cumulative = 0;
        for (var i = 0; i < _names.Length; i++)
        {
            cumulative += options.Arms[i].Weight;
            _upperBounds[i] = cumulative / total;
        }
        _upperBounds[^1] = 1.0;
    }

    /// <summary>The arm names in the order given.</summary>
    public IReadOnlyList<string> ArmNames => _names;

    /// <summary>True when the customer is in the global control group (independent of the experiment salt).</summary>
    /// <param name="customerId">The customer id.</param>
    public bool IsInGlobalControl(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _globalShare > 0 && StableHash.Unit(_globalSalt, customerId) < _globalShare;
    }

    /// <summary>Assigns one customer: global control first, then the arm by experiment bucket.</summary>
    /// <param name="customerId">The customer id (any string; compared ordinally, so <c>"42"</c> and <c>"042"</c> differ).</param>
    public ArmAssignment Assign(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var bucket = StableHash.Unit(_salt, customerId);
        if (IsInGlobalControl(customerId))
        {
            return new ArmAssignment(customerId, null, true, bucket);
        }
        return new ArmAssignment(customerId, _names[ArmIndexOf(bucket)], false, bucket);
    }

    /// <summary>
    /// The index (into <see cref="ArmNames"/>) of the arm of a customer, ignoring the global control group;
    /// allocation-light for bulk use.
    /// </summary>
    /// <param name="customerId">The customer id.</param>
    public int ArmIndex(string customerId) => ArmIndexOf(StableHash.Unit(_salt, customerId));

    private int ArmIndexOf(double bucket)
    {
        for (var i = 0; i < _upperBounds.Length; i++)
        {
            if (bucket < _upperBounds[i])
            {
                return i;
            }
        }
        return _upperBounds.Length - 1;
    }
}
