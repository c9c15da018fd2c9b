using Segmenta.Core;
using Segmenta.Engine.Simulation;

namespace Segmenta.Engine.Tests.Simulation;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        var o = new SimulationOptions();
        o.Validate();
        Assert.Equal(10_000, o.Customers);
        Assert.Equal(365, o.Days);
        Assert.Equal(1.5, o.VisitorRatio);
        Assert.Equal(500, o.Products);
    }

    [Theory]
    [InlineData(0, 365, 1.5, 500, 0.08, "customers")]
    [InlineData(100, 0, 1.5, 500, 0.08, "days")]
    [InlineData(100, 365, -1, 500, 0.08, "visitor ratio")]
    [InlineData(100, 365, double.NaN, 500, 0.08, "visitor ratio")]
    [InlineData(100, 365, 1.5, 5, 0.08, "products")]
    [InlineData(100, 365, 1.5, 500, 1.5, "coupon offer rate")]
    public void Validate_BadValue_ThrowsNamingTheSetting(int customers, int days, double visitorRatio, int products, double couponRate, string name)
    {
        var o = new SimulationOptions { Customers = customers, Days = days, VisitorRatio = visitorRatio, Products = products, CouponOfferRate = couponRate };
        var ex = Assert.Throws<SegmentaInputException>(o.Validate);
        Assert.Contains(name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BadOptions_ThrowsSegmentaInputException()
    {
        Assert.Throws<SegmentaInputException>(() => new ShopSimulator(new SimulationOptions { CancelRate = 0.9 }));
    }
}
