using System.Globalization;
using MathNet.Numerics.Distributions;
using Segmenta.Core.Experiments;

namespace Segmenta.Core.Tests.Experiments;

public class ArmAssignerTests
{
    private static string Id(int i) => "cust-" + i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Hash64_KnownInput_MatchesSha256Prefix()
    {
        // Given salt "exp-1" and id "42"
        // When hashed
        var h = StableHash.Hash64("exp-1", "42");
        var u = StableHash.Unit("exp-1", "42");

        // Then it equals the first 8 bytes of sha256(b"exp-1\x1f42") (checked with Python hashlib)
        Assert.Equal(0xfd770f16ee885c82UL, h);
        Assert.Equal(0.9900979453073274, u, 15);
    }

    [Fact]
    public void Assign_MillionIdsIntoTwoEqualArms_SplitWithinPointThreePercentAndStable()
    {
        // Given two 50/50 arms
        var options = new ArmAssignerOptions
        {
            ExperimentSalt = "checkout-2025",
            Arms = [new ExperimentArm("A", 1), new ExperimentArm("B", 1)],
        };
        var first = new ArmAssigner(options);
        var second = new ArmAssigner(options);

        // When 1,000,000 ids are assigned twice by independent assigners
        var inA = 0;
        var differences = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var arm = first.ArmIndex(Id(i));
            inA += arm == 0 ? 1 : 0;
            differences += arm == second.ArmIndex(Id(i)) ? 0 : 1;
        }

        // Then the share in A is 50 % ± 0.3 % and both runs agree on every id
        Assert.InRange(inA / 1_000_000.0, 0.497, 0.503);
        Assert.Equal(0, differences);
    }

    [Fact]
    public void Assign_TenEqualArms_ChiSquareBelowCriticalValue()
    {
        // Given ten equal arms and 200,000 ids
        var arms = Enumerable.Range(0, 10).Select(i => new ExperimentArm("arm" + i.ToString(CultureInfo.InvariantCulture), 1)).ToList();
        var assigner = new ArmAssigner(new ArmAssignerOptions { ExperimentSalt = "uniformity", Arms = arms });
        var counts = new int[10];

        // When assigned
        for (var i = 0; i < 200_000; i++)
        {
            counts[assigner.ArmIndex(Id(i))]++;
        }

        // Then Pearson's chi-square with 9 df is below the 0.1 % critical value 27.877
        var chi = counts.Sum(c => (c - 20_000.0) * (c - 20_000.0) / 20_000.0);
        Assert.Equal(27.877, ChiSquared.InvCDF(9, 0.999), 3);
        Assert.True(chi < 27.877, $"chi-square {chi}");
    }

    [Fact]
    public void Assign_WeightedNinetyTen_SharesFollowWeights()
    {
        // Given weights 9:1
        var assigner = new ArmAssigner(new ArmAssignerOptions
        {
            ExperimentSalt = "weighted",
            Arms = [new ExperimentArm("big", 9), new ExperimentArm("small", 1)],
        });

        // When 200,000 ids are assigned
        var small = Enumerable.Range(0, 200_000).Count(i => assigner.Assign(Id(i)).Arm == "small");

        // Then about 10 % land in "small" (sd 0.067 %, tolerance ±0.4 %)
        Assert.InRange(small / 200_000.0, 0.096, 0.104);
    }

    [Fact]
    public void Assign_FivePercentGlobalControl_ShareWithinToleranceAndSameAcrossExperiments()
    {
        // Given two experiments with different salts, both holding out 5 %
        static ArmAssigner Make(string salt) => new(new ArmAssignerOptions
        {
            ExperimentSalt = salt,
            Arms = [new ExperimentArm("A", 1), new ExperimentArm("B", 1)],
            GlobalControlPercent = 5,
        });
        var one = Make("spring-sale");
        var two = Make("summer-sale");

        // When 200,000 ids are assigned in both
        var held = 0;
        var disagreements = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var a = one.Assign(Id(i));
            var b = two.Assign(Id(i));
            held += a.IsGlobalControl ? 1 : 0;
            disagreements += a.IsGlobalControl == b.IsGlobalControl ? 0 : 1;
            Assert.True(a.IsGlobalControl == (a.Arm is null));
        }

        // Then 5 % ± 0.3 % are held out, the very same customers in both experiments
        Assert.InRange(held / 200_000.0, 0.047, 0.053);
        Assert.Equal(0, disagreements);
        // and customer "42" (global bucket 0.3895 by sha256 of "segmenta-global-control\x1f42") is not held out
        Assert.Equal(0.38953362623084586, StableHash.Unit(ArmAssignerOptions.DefaultGlobalControlSalt, "42"), 15);
        Assert.False(one.IsInGlobalControl("42"));
    }

    [Fact]
    public void Constructor_DuplicateArmName_ThrowsInputError()
    {
        // Given two arms named "A"
        var options = new ArmAssignerOptions { ExperimentSalt = "x", Arms = [new ExperimentArm("A", 1), new ExperimentArm("A", 1)] };

        // When / Then construction fails with a message naming the arm
        var ex = Assert.Throws<SegmentaInputException>(() => new ArmAssigner(options));
        Assert.Contains("'A'", ex.Message, StringComparison.Ordinal);
    }
}
