using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

/// <summary>
/// Hand-checkable purchases. Train: c1{A,B} c2{A,B,C} c3{B,C} c4{A,D} c5..c8{E}.
/// n(A)=3 n(B)=3 n(C)=2 n(D)=1 n(E)=4 (8 customers); co-counts AB=2 AC=1 AD=1 BC=2, E with nothing.
/// Test: c1{C} c2{A (already bought)} c3{A} c4{A (already bought), C} c9{A (new customer)}.
/// </summary>
internal static class ToyPurchases
{
    public static PurchaseHistory Train() => PurchaseHistory.Create(
    [
        new("c1", "A"), new("c1", "B"),
        new("c2", "A"), new("c2", "B"), new("c2", "C"),
        new("c3", "B"), new("c3", "C"),
        new("c4", "A"), new("c4", "D"),
        new("c5", "E"), new("c6", "E"), new("c7", "E"), new("c8", "E"),
    ]);

    public static IReadOnlyList<Purchase> Test() =>
    [
        new("c1", "C"),
        new("c2", "A"),
        new("c3", "A"),
        new("c4", "A"), new("c4", "C"),
        new("c9", "A"),
    ];

    public static RecommenderOptions Categories() => new()
    {
        ItemCategories = new Dictionary<string, string>
        {
            ["A"] = "dairy", ["B"] = "dairy", ["C"] = "bakery", ["D"] = "bakery", ["E"] = "produce",
        },
    };
}
