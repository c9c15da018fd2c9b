using Segmenta.Core.Baskets;
using Segmenta.Testing;

namespace Segmenta.Core.Tests.Baskets;

/// <summary>Loads ../shared/data/groceries/groceries.csv once per test class.</summary>
public sealed class GroceriesFixture
{
    public GroceriesFixture()
    {
        Baskets = BasketSet.FromLines(File.ReadLines(TestData.Path("groceries/groceries.csv")));
    }

    public BasketSet Baskets { get; }
}
