using Segmenta.Engine.Workspaces;
using Segmenta.Storage.Segments;

namespace Segmenta.Dashboard.Tests.Alerts;

/// <summary>A six-customer shop whose purchase rhythms are easy to compute by hand; segment snapshot 2025-03-01 (purchases).</summary>
internal static class HandBuiltShop
{
    /// <summary>Writes the orders, lines and snapshot; returns the number of orders.</summary>
    public static async Task<int> SeedAsync(Workspace workspace)
    {
        (string Customer, string Segment, (string Day, double Amount)[] Lines)[] shop =
        [
            // gaps 10, 10 → cycle 10; last 01-21 → 39 days → 39 > 20: quiet (ratio 3.9)
            ("A", "vip", [("2025-01-01", 100), ("2025-01-11", 100), ("2025-01-21", 100)]),
            // gaps 14, 7 → cycle 10.5; last 02-22 → 7 days: not quiet
            ("B", "vip", [("2025-02-01", 500), ("2025-02-15", 500), ("2025-02-22", 500)]),
            // two orders on 01-01 are one order day; gaps 1, 3, 15 → cycle 3; last 01-20 → 40 days: quiet (ratio 13.33)
            ("C", "lapsing_vip", [("2025-01-01", 50), ("2025-01-01", 25), ("2025-01-02", 50), ("2025-01-05", 50), ("2025-01-20", 50)]),
            // not a valuable segment
            ("D", "churned", [("2025-01-01", 900), ("2025-01-03", 900)]),
            // one order day: no cycle to compare with
            ("E", "vip", [("2025-01-02", 2000)]),
            // an order on the snapshot day itself is not before it: gaps 5 → cycle 5; last 02-10 → 19 days: quiet (ratio 3.8)
            ("F", "vip", [("2025-02-05", 10), ("2025-02-10", 10), ("2025-03-01", 10)]),
        ];
        await SegmentQueries.SnapshotsAsync(workspace.Engine); // creates segment_members
        var n = 0;
        foreach (var (customer, segment, lines) in shop)
        {
            await workspace.Engine.ExecuteAsync("INSERT INTO segment_members VALUES ('2025-03-01', 'purchases', $1, $2)", [customer, segment]);
            foreach (var (day, amount) in lines)
            {
                var order = $"o{++n}";
                var at = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(12);
                await workspace.Engine.ExecuteAsync(
                    "INSERT INTO orders (order_id, customer_id, ordered_at, kind, status, amount) VALUES ($1, $2, $3, 'sale', 'placed', $4)", [order, customer, at, amount]);
                await workspace.Engine.ExecuteAsync(
                    "INSERT INTO order_lines (order_id, line_number, customer_id, ordered_at, kind, status, quantity, unit_price, amount) VALUES ($1, 1, $2, $3, 'sale', 'placed', 1, $4, $4)",
                    [order, customer, at, amount]);
            }
        }

        return n;
    }
}
