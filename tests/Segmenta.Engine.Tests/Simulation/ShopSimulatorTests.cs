using System.Globalization;
using Segmenta.Core;
using Segmenta.Engine.Simulation;

namespace Segmenta.Engine.Tests.Simulation;

public sealed class ShopSimulatorTests(SmallShopFixture shop) : IClassFixture<SmallShopFixture>
{
    private static readonly string[] AllFiles =
        [ShopSimulator.ProductsFile, ShopSimulator.CustomersFile, ShopSimulator.OrdersFile, ShopSimulator.EventsFile, ShopSimulator.TruthFile];

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "segmenta-sim-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void WriteTo_SameSeed_ByteIdenticalFiles()
    {
        var options = new SimulationOptions { Customers = 300, Days = 30, Seed = 11 };
        var a = TempFolder();
        var b = TempFolder();
        try
        {
            new ShopSimulator(options).WriteTo(a);
            new ShopSimulator(options).WriteTo(b);
            foreach (var file in AllFiles)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            }
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void WriteTo_DifferentSeed_DifferentFiles()
    {
        var a = TempFolder();
        var b = TempFolder();
        try
        {
            new ShopSimulator(new SimulationOptions { Customers = 300, Days = 30, Seed = 1 }).WriteTo(a);
            new ShopSimulator(new SimulationOptions { Customers = 300, Days = 30, Seed = 2 }).WriteTo(b);
            foreach (var file in new[] { ShopSimulator.OrdersFile, ShopSimulator.EventsFile, ShopSimulator.TruthFile })
            {
                Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
            }
        }
        finally
        {
            Directory.Delete(a, true);
            Directory.Delete(b, true);
        }
    }

    [Fact]
    public void WriteTo_SmallShop_VolumesWithinStatedRanges()
    {
        var s = shop.Summary;
        Assert.Equal(2000, s.Customers);
        Assert.Equal(3000, s.Visitors);
        Assert.Equal(500, shop.Products.Rows.Count);
        Assert.Equal(2000, shop.Customers.Rows.Count);
        Assert.Equal(s.Events, shop.Events.Rows.Count);
        Assert.Equal(s.OrderLines, shop.Orders.Rows.Count);
        Assert.InRange(s.Events, 30_000, 150_000);
        Assert.InRange(s.Orders, 500, 4_000);
        Assert.InRange((double)s.OrderLines / s.Orders, 1.2, 2.5);
        Assert.InRange(s.Sessions, 8_000, 40_000);
        Assert.Equal(12, shop.Products.Rows.Select(r => shop.Products.Get(r, "category")).Distinct().Count());
    }

    [Fact]
    public void WriteTo_AllFiles_HaveHeaderAndRectangularRows()
    {
        foreach (var table in new[] { shop.Products, shop.Customers, shop.Orders, shop.Events, shop.Truth })
        {
            Assert.All(table.Rows, r => Assert.Equal(table.Header.Length, r.Length));
        }
        Assert.Equal("product_id,name,category,brand,price", string.Join(',', shop.Products.Header));
        Assert.Equal("order_id,customer_id,ordered_at,product_id,category,quantity,unit_price,coupon_code,campaign_id,status", string.Join(',', shop.Orders.Header));
        Assert.Equal("event_id,customer_id,anonymous_id,event_type,occurred_at,page_url,referrer,device,channel,campaign,product_id,category,value,order_id", string.Join(',', shop.Events.Header));
        Assert.Contains(shop.Products.Rows, r => shop.Products.Get(r, "name").Contains(',', StringComparison.Ordinal));
    }

    [Fact]
    public void WriteTo_Timestamps_UtcIsoInsidePeriod()
    {
        var start = shop.Options.Start;
        var end = start.AddDays(shop.Options.Days);
        foreach (var row in shop.Events.Rows)
        {
            var t = DateTime.ParseExact(shop.Events.Get(row, "occurred_at"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.InRange(t, start, end.AddTicks(-1));
        }
    }

    [Fact]
    public void WriteTo_PurchaseEvents_ReferenceOrdersWithMatchingTotals()
    {
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in shop.Orders.Rows)
        {
            var id = shop.Orders.Get(r, "order_id");
            var line = int.Parse(shop.Orders.Get(r, "quantity"), CultureInfo.InvariantCulture) * decimal.Parse(shop.Orders.Get(r, "unit_price"), CultureInfo.InvariantCulture);
            totals[id] = totals.GetValueOrDefault(id) + line;
            owner[id] = shop.Orders.Get(r, "customer_id");
        }
        var purchases = shop.Events.Rows.Where(r => shop.Events.Get(r, "event_type") == "purchase").ToList();
        Assert.Equal(totals.Count, purchases.Count);
        foreach (var p in purchases)
        {
            var id = shop.Events.Get(p, "order_id");
            Assert.True(totals.ContainsKey(id), id);
            Assert.Equal(totals[id], decimal.Parse(shop.Events.Get(p, "value"), CultureInfo.InvariantCulture));
            Assert.Equal(owner[id], shop.Events.Get(p, "customer_id"));
        }
        Assert.Equal(shop.Summary.Revenue, totals.Values.Sum());
    }

    [Fact]
    public void WriteTo_OrderLines_ShareOrderFieldsAndReferenceKnownRows()
    {
        var products = shop.Products.Rows.Select(r => shop.Products.Get(r, "product_id")).ToHashSet(StringComparer.Ordinal);
        var customers = shop.Customers.Rows.Select(r => shop.Customers.Get(r, "customer_id")).ToHashSet(StringComparer.Ordinal);
        var statuses = new HashSet<string>(StringComparer.Ordinal) { "placed", "cancelled", "refunded" };
        foreach (var group in shop.Orders.Rows.GroupBy(r => shop.Orders.Get(r, "order_id")))
        {
            var first = group.First();
            foreach (var column in new[] { "customer_id", "ordered_at", "status", "coupon_code", "campaign_id" })
            {
                Assert.All(group, r => Assert.Equal(shop.Orders.Get(first, column), shop.Orders.Get(r, column)));
            }
            Assert.Contains(shop.Orders.Get(first, "customer_id"), customers);
            Assert.Contains(shop.Orders.Get(first, "status"), statuses);
            Assert.All(group, r => Assert.Contains(shop.Orders.Get(r, "product_id"), products));
            Assert.Equal(group.Count(), group.Select(r => shop.Orders.Get(r, "product_id")).Distinct().Count());
        }
    }

    [Fact]
    public void WriteTo_Statuses_FewPercentCancelledOrRefunded()
    {
        var orders = shop.Orders.Rows.GroupBy(r => shop.Orders.Get(r, "order_id")).Select(g => shop.Orders.Get(g.First(), "status")).ToList();
        var share = orders.Count(s => s != "placed") / (double)orders.Count;
        Assert.InRange(share, 0.02, 0.12);
    }

    [Fact]
    public void WriteTo_AnonymousVisitors_NeverPurchase()
    {
        var visitors = shop.Truth.Rows.Where(r => shop.Truth.Get(r, "is_customer") == "false")
            .Select(r => shop.Truth.Get(r, "person_id")).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(shop.Summary.Visitors, visitors.Count);
        var withPurchase = shop.Events.Rows
            .Where(r => shop.Events.Get(r, "event_type") == "purchase" && visitors.Contains(shop.Events.Get(r, "anonymous_id")))
            .Count();
        Assert.Equal(0, withPurchase);
        Assert.DoesNotContain(shop.Events.Rows, r => shop.Events.Get(r, "event_type") == "purchase" && shop.Events.Get(r, "customer_id").Length == 0);
        var visitorEvents = shop.Events.Rows.Where(r => visitors.Contains(shop.Events.Get(r, "anonymous_id"))).ToList();
        Assert.NotEmpty(visitorEvents);
        Assert.All(visitorEvents, r => Assert.Equal("", shop.Events.Get(r, "customer_id")));
        Assert.DoesNotContain(shop.Orders.Rows, r => visitors.Contains(shop.Orders.Get(r, "customer_id")));
    }

    [Fact]
    public void WriteTo_SessionConversion_BetweenOneAndTenPercent()
    {
        var purchases = shop.Events.Rows.Count(r => shop.Events.Get(r, "event_type") == "purchase");
        var conversion = purchases / (double)shop.Summary.Sessions;
        Assert.InRange(conversion, 0.01, 0.10);
        var landings = shop.Events.Rows.Count(r => shop.Events.Get(r, "event_type") == "page_view");
        Assert.InRange(landings, shop.Summary.Sessions * 0.99, shop.Summary.Sessions);
    }

    [Fact]
    public void WriteTo_CartSessions_MostlyAbandoned()
    {
        // Every session opens with exactly one landing page_view, so page_views (or a new person) delimit sessions.
        var carts = 0;
        var bought = 0;
        var inCart = false;
        var converted = false;
        string? person = null;
        foreach (var r in shop.Events.Rows)
        {
            var type = shop.Events.Get(r, "event_type");
            var who = shop.Events.Get(r, "customer_id") + "|" + shop.Events.Get(r, "anonymous_id");
            if (type == "page_view" || who != person)
            {
                if (inCart)
                {
                    carts++;
                    bought += converted ? 1 : 0;
                }
                inCart = false;
                converted = false;
            }
            person = who;
            inCart |= type == "add_to_cart";
            converted |= type == "purchase";
        }
        if (inCart)
        {
            carts++;
            bought += converted ? 1 : 0;
        }
        var abandonment = 1.0 - bought / (double)carts;
        Assert.InRange(abandonment, 0.55, 0.85);
    }

    [Fact]
    public void WriteTo_Truth_CoversEveryPersonOnce()
    {
        var ids = shop.Truth.Rows.Select(r => shop.Truth.Get(r, "person_id")).ToList();
        Assert.Equal(shop.Summary.Customers + shop.Summary.Visitors, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var customers = shop.Customers.Rows.Select(r => shop.Customers.Get(r, "customer_id")).ToHashSet(StringComparer.Ordinal);
        Assert.True(customers.SetEquals(shop.Truth.Rows.Where(r => shop.Truth.Get(r, "is_customer") == "true").Select(r => shop.Truth.Get(r, "person_id"))));
        var eventPeople = shop.Events.Rows.Select(r => shop.Events.Get(r, "customer_id").Length > 0 ? shop.Events.Get(r, "customer_id") : shop.Events.Get(r, "anonymous_id"));
        var known = ids.ToHashSet(StringComparer.Ordinal);
        var anonymousOfCustomers = shop.Truth.Rows.Select(r => shop.Truth.Get(r, "anonymous_id")).ToHashSet(StringComparer.Ordinal);
        Assert.All(eventPeople.Distinct(), p => Assert.True(known.Contains(p) || anonymousOfCustomers.Contains(p), p));
    }

    [Fact]
    public void WriteTo_Truth_PurchaseCountsMatchOrders()
    {
        var orders = shop.Orders.Rows.GroupBy(r => shop.Orders.Get(r, "customer_id"))
            .ToDictionary(g => g.Key, g => g.Select(r => shop.Orders.Get(r, "order_id")).Distinct().Count(), StringComparer.Ordinal);
        foreach (var r in shop.Truth.Rows)
        {
            var expected = int.Parse(shop.Truth.Get(r, "purchases_in_period"), CultureInfo.InvariantCulture);
            Assert.Equal(expected, orders.GetValueOrDefault(shop.Truth.Get(r, "person_id")));
        }
    }

    [Fact]
    public void WriteTo_Truth_DeadPeopleHaveZeroProbabilityAndAliveOnesPositive()
    {
        foreach (var r in shop.Truth.Rows.Where(r => shop.Truth.Get(r, "is_customer") == "true"))
        {
            var p7 = double.Parse(shop.Truth.Get(r, "true_purchase_probability_7d"), CultureInfo.InvariantCulture);
            var e30 = double.Parse(shop.Truth.Get(r, "true_expected_purchases_30d"), CultureInfo.InvariantCulture);
            if (shop.Truth.Get(r, "alive_at_end") == "true")
            {
                Assert.InRange(p7, 1e-9, 1.0);
                Assert.True(e30 > 0);
            }
            else
            {
                Assert.Equal(0.0, p7);
                Assert.Equal(0.0, e30);
            }
        }
    }

    [Fact]
    public void WriteTo_HighRateTypes_BuyMoreOnAverage()
    {
        var ordersPerCustomer = shop.Orders.Rows.GroupBy(r => shop.Orders.Get(r, "customer_id"))
            .ToDictionary(g => g.Key, g => g.Select(r => shop.Orders.Get(r, "order_id")).Distinct().Count(), StringComparer.Ordinal);
        double Mean(string type) => shop.Truth.Rows.Where(r => shop.Truth.Get(r, "type") == type)
            .Average(r => ordersPerCustomer.GetValueOrDefault(shop.Truth.Get(r, "person_id")));
        Assert.True(Mean("loyal_high_spender") > 1.5 * Mean("regular"));
        Assert.True(Mean("regular") > 2 * Mean("window_shopper"));

        var customers = shop.Truth.Rows.Where(r => shop.Truth.Get(r, "is_customer") == "true")
            .OrderBy(r => double.Parse(shop.Truth.Get(r, "purchase_rate_per_day"), CultureInfo.InvariantCulture)).ToList();
        var low = customers.Take(customers.Count / 2).Average(r => ordersPerCustomer.GetValueOrDefault(shop.Truth.Get(r, "person_id")));
        var high = customers.Skip(customers.Count / 2).Average(r => ordersPerCustomer.GetValueOrDefault(shop.Truth.Get(r, "person_id")));
        Assert.True(high > 2 * low, $"high {high} low {low}");
    }

    [Fact]
    public void WriteTo_BargainHunters_UseCouponsMoreThanLoyalCustomers()
    {
        var types = shop.Truth.Rows.ToDictionary(r => shop.Truth.Get(r, "person_id"), r => shop.Truth.Get(r, "type"), StringComparer.Ordinal);
        double CouponShare(string type)
        {
            var orders = shop.Orders.Rows.Where(r => types[shop.Orders.Get(r, "customer_id")] == type)
                .GroupBy(r => shop.Orders.Get(r, "order_id")).Select(g => g.First()).ToList();
            return orders.Count(r => shop.Orders.Get(r, "coupon_code").Length > 0) / (double)orders.Count;
        }
        Assert.True(CouponShare("bargain_hunter") > 1.5 * CouponShare("loyal_high_spender"));
        var uplift = shop.Truth.Rows.Where(r => shop.Truth.Get(r, "is_customer") == "true")
            .GroupBy(r => shop.Truth.Get(r, "type"))
            .ToDictionary(g => g.Key, g => g.Average(r => double.Parse(shop.Truth.Get(r, "coupon_uplift"), CultureInfo.InvariantCulture)), StringComparer.Ordinal);
        Assert.True(uplift["bargain_hunter"] > 3 * uplift["loyal_high_spender"]);
    }

    [Fact]
    public void WriteTo_PreferredHour_IsTheModeOfActiveCustomersSessions()
    {
        var hours = shop.Events.Rows.Where(r => shop.Events.Get(r, "event_type") == "page_view" && shop.Events.Get(r, "customer_id").Length > 0)
            .GroupBy(r => shop.Events.Get(r, "customer_id"))
            .Where(g => g.Count() >= 8)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => shop.Events.Get(r, "occurred_at").Substring(11, 2)).OrderByDescending(h => h.Count()).First().Key, StringComparer.Ordinal);
        var truth = shop.Truth.Rows.ToDictionary(r => shop.Truth.Get(r, "person_id"), r => int.Parse(shop.Truth.Get(r, "preferred_hour"), CultureInfo.InvariantCulture), StringComparer.Ordinal);
        Assert.True(hours.Count > 50);
        var hit = hours.Count(kv => int.Parse(kv.Value, CultureInfo.InvariantCulture) == truth[kv.Key]) / (double)hours.Count;
        Assert.True(hit > 0.5, $"mode recovered for {hit:P0}");
    }

    [Fact]
    public void WriteTo_Progress_ReportsUpToOne()
    {
        var reports = new List<double>();
        var folder = TempFolder();
        try
        {
            new ShopSimulator(new SimulationOptions { Customers = 200, Days = 10 }).WriteTo(folder, new SyncProgress(reports));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
        Assert.True(reports.Count > 2);
        Assert.Equal(1.0, reports[^1]);
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i] >= reports[i - 1]);
        }
    }

    [Fact]
    public void WriteTo_EmptyFolder_ThrowsSegmentaInputException()
    {
        Assert.Throws<SegmentaInputException>(() => new ShopSimulator(new SimulationOptions { Customers = 10 }).WriteTo(" "));
    }

    private sealed class SyncProgress(List<double> reports) : IProgress<double>
    {
        public void Report(double value) => reports.Add(value);
    }
}
