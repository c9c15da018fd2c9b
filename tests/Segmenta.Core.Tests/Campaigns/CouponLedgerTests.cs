using Segmenta.Core.Campaigns;

namespace Segmenta.Core.Tests.Campaigns;

public sealed class CouponLedgerTests
{
    [Fact]
    public void Match_EachRuleRejectsItsCase_FirstValidUseRedeems()
    {
        // Given a 10 % coupon valid in March with a 30.00 minimum, codes A (c1, issued 3 March), B (c2), C (pool)
        var coupon = new Coupon
        {
            Id = "k", Kind = CouponKind.Percent, Value = 10, MinOrder = 30, ValidFrom = new DateOnly(2025, 3, 1), ValidTo = new DateOnly(2025, 3, 31),
        };
        var issued = new DateOnly(2025, 3, 3);
        CouponCode[] codes = [new("A", "c1", issued), new("B", "c2", issued), new("C", null, null)];
        static DateOnly D(int day) => new(2025, 3, day);
        CouponUse[] uses =
        [
            new("A", "o1", "c1", D(2), 50, 50, "placed"),      // before the code was issued
            new("A", "o2", "c1", D(5), 50, 50, "cancelled"),   // cancelled order
            new("A", "o3", "c1", D(6), 25, 25, "placed"),      // below the minimum
            new("A", "o4", "c1", D(7), 45, 45, "placed"),      // redeems A
            new("A", "o5", "c1", D(8), 60, 60, "placed"),      // second use of a single-use code
            new("B", "o6", "c9", D(9), 60, 60, "placed"),      // someone else's code
            new("C", "o7", "c9", D(9), 90, 90, "placed"),      // pool code: anyone may redeem
            new("X", "o8", "c1", D(9), 90, 90, "placed"),      // not a code of this coupon
            new("B", "o9", "c2", new DateOnly(2025, 4, 1), 60, 60, "placed"), // after the window
        ];

        // When matched
        var (redeemed, rejected) = CouponLedger.Match(coupon, codes, uses);

        // Then A by o4 and C by o7 are redeemed; every other use has its reason
        Assert.Equal(["A:o4", "C:o7"], redeemed.OrderBy(k => k.Key).Select(k => k.Key + ":" + k.Value.OrderId));
        Assert.Equal(
            ["o1:before_issue", "o2:order_cancelled", "o3:below_min_order", "o5:already_redeemed", "o6:other_customer", "o8:unknown_code", "o9:expired"],
            rejected.Select(r => r.Use.OrderId + ":" + r.Reason).Order());
        // The discount of o4, from the paid 45.00 after 10 % off: 45 × 10 / 90 = 5.00 (list price 50.00)
        Assert.Equal(5.0, CouponLedger.Cost(coupon, redeemed["A"]));
    }
}
