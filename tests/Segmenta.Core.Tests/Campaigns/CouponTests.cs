using Segmenta.Core.Campaigns;

namespace Segmenta.Core.Tests.Campaigns;

public sealed class CouponTests
{
    private static Coupon Ten(double minOrder = 30, params string[] categories) => new()
    {
        Id = "spring10", Kind = CouponKind.Percent, Value = 10, MinOrder = minOrder, Categories = categories,
        ValidFrom = new DateOnly(2025, 3, 1), ValidTo = new DateOnly(2025, 3, 31),
    };

    [Fact]
    public void Validate_EndBeforeStart_NamesBothDays()
    {
        var coupon = Ten() with { ValidFrom = new DateOnly(2025, 3, 31), ValidTo = new DateOnly(2025, 3, 1) };
        var e = Assert.Throws<SegmentaInputException>(() => coupon.Validate());
        Assert.Equal("coupon spring10: validity ends (2025-03-01) before it starts (2025-03-31)", e.Message);
    }

    [Theory]
    [InlineData(CouponKind.Percent, 0)]
    [InlineData(CouponKind.Percent, 101)]
    [InlineData(CouponKind.Fixed, 0)]
    [InlineData(CouponKind.FreeShipping, -1)]
    public void Validate_BadValue_Throws(CouponKind kind, double value) =>
        Assert.Throws<SegmentaInputException>(() => (Ten() with { Kind = kind, Value = value }).Validate());

    [Fact]
    public void Discount_HandComputedCases()
    {
        var day = new DateOnly(2025, 3, 10);
        // 10 % of the eligible 50.00 → 5.00
        Assert.Equal(5.0, Ten().Discount(day, [("Fashion", 20), ("Home", 30)]));
        // below the 30.00 minimum → nothing
        Assert.Equal(0.0, Ten().Discount(day, [("Fashion", 29.99)]));
        // limited to Fashion: only 20 of 50 is eligible, below the minimum → nothing; with minimum 10 → 2.00
        Assert.Equal(0.0, Ten(30, "Fashion").Discount(day, [("Fashion", 20), ("Home", 30)]));
        Assert.Equal(2.0, Ten(10, "Fashion").Discount(day, [("Fashion", 20), ("Home", 30)]));
        // outside the window → nothing
        Assert.Equal(0.0, Ten().Discount(new DateOnly(2025, 4, 1), [("Fashion", 100)]));
        // fixed 15 on an eligible 12 → 12 (never more than the order)
        Assert.Equal(12.0, (Ten(0) with { Kind = CouponKind.Fixed, Value = 15 }).Discount(day, [("Fashion", 12)]));
        // free shipping gives the fee
        Assert.Equal(3.5, (Ten(0) with { Kind = CouponKind.FreeShipping, Value = 3.5 }).Discount(day, [("Fashion", 12)]));
    }

    [Fact]
    public void Expiry_LastValidDayIncluded()
    {
        Assert.False(Ten().IsExpiredOn(new DateOnly(2025, 3, 31)));
        Assert.True(Ten().IsExpiredOn(new DateOnly(2025, 4, 1)));
    }

    [Fact]
    public void Generate_TenThousandCodes_UniqueFromTheAlphabetWithoutLookAlikes()
    {
        var taken = new HashSet<string> { "WELCOME-AAAAAAAA" };
        var codes = CouponCodeGenerator.Generate("welcome", 10_000, taken);
        Assert.Equal(10_000, codes.Distinct().Count());
        Assert.DoesNotContain("WELCOME-AAAAAAAA", codes);
        Assert.All(codes, c =>
        {
            Assert.StartsWith("WELCOME-", c, StringComparison.Ordinal);
            Assert.Equal(8, c.Length - 8);
            Assert.All(c[8..], ch => Assert.Contains(ch, CouponCodeGenerator.Alphabet));
        });
        Assert.Equal(25, CouponCodeGenerator.Alphabet.Distinct().Count());
        foreach (var lookAlike in "0O1IL2Z5S8B")
        {
            Assert.DoesNotContain(lookAlike, CouponCodeGenerator.Alphabet);
        }
        // Every symbol is used about equally (80,000 draws, expected 3,200 each; a uniform generator stays within ±10 %).
        var counts = codes.SelectMany(c => c[8..]).GroupBy(ch => ch).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(25, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 2_880, 3_520));
    }
}
