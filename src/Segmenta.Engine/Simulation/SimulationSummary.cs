namespace Segmenta.Engine.Simulation;

/// <summary>What <see cref="ShopSimulator.WriteTo"/> produced.</summary>
/// <param name="Customers">Registered customers (rows of customers.csv).</param>
/// <param name="Visitors">Anonymous visitors who never register or buy.</param>
/// <param name="Products">Products (rows of products.csv).</param>
/// <param name="Sessions">Browsing sessions inside the period (customers and visitors).</param>
/// <param name="Events">Rows of events.csv.</param>
/// <param name="Orders">Distinct orders in orders.csv.</param>
/// <param name="OrderLines">Rows of orders.csv.</param>
/// <param name="Revenue">Sum of all order totals, any status, in the shop currency.</param>
/// <param name="NetRevenue">Sum of totals of orders whose status is still <c>placed</c>.</param>
/// <param name="Folder">The folder the files were written to.</param>
/// <param name="ProductsPath">Full path of products.csv.</param>
/// <param name="CustomersPath">Full path of customers.csv.</param>
/// <param name="OrdersPath">Full path of orders.csv.</param>
/// <param name="EventsPath">Full path of events.csv.</param>
/// <param name="TruthPath">Full path of truth.csv (the generative ground truth per person).</param>
public sealed record SimulationSummary(
    int Customers,
    int Visitors,
    int Products,
    long Sessions,
    long Events,
    long Orders,
    long OrderLines,
    decimal Revenue,
    decimal NetRevenue,
    string Folder,
    string ProductsPath,
    string CustomersPath,
    string OrdersPath,
    string EventsPath,
    string TruthPath);
