using Segmenta.Core.Baskets;

namespace Segmenta.Core.Tests.Baskets;

/// <summary>
/// The five market baskets of Tan, Steinbach &amp; Kumar, "Introduction to Data Mining", table 6.1.
/// Counts: bread 4, milk 4, diapers 4, beer 3, cola 2, eggs 1.
/// </summary>
internal static class ToyBaskets
{
    public static BasketSet Create() => BasketSet.Create(
    [
        ["bread", "milk"],
        ["bread", "diapers", "beer", "eggs"],
        ["milk", "diapers", "beer", "cola"],
        ["bread", "milk", "diapers", "beer"],
        ["bread", "milk", "diapers", "cola"],
    ]);
}
