namespace Segmenta.Core.Experiments;

/// <summary>Descriptive figures of one arm.</summary>
/// <param name="Arm">Arm name.</param>
/// <param name="Count">Customers in the arm.</param>
/// <param name="Conversions">Customers who converted.</param>
/// <param name="ConversionRate">Conversions / Count.</param>
/// <param name="Visits">Customers who visited, or <see langword="null"/> when the input has no visit flag.</param>
/// <param name="VisitRate">Visits / Count, or <see langword="null"/> when the input has no visit flag.</param>
/// <param name="TotalRevenue">Sum of revenue.</param>
/// <param name="RevenuePerCustomer">TotalRevenue / Count (mean revenue over all customers, buyers or not).</param>
/// <param name="RevenueStandardDeviation">Sample standard deviation of revenue (n − 1 denominator); NaN when Count &lt; 2.</param>
public sealed record ArmSummary(
    string Arm,
    int Count,
    int Conversions,
    double ConversionRate,
    int? Visits,
    double? VisitRate,
    double TotalRevenue,
    double RevenuePerCustomer,
    double RevenueStandardDeviation);
