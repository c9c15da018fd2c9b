namespace Segmenta.Engine.Alerts;

/// <summary>A valuable customer going quiet: longer since the last order than their own rhythm suggests.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Segment">Their segment in the snapshot.</param>
/// <param name="Orders">Sale orders on distinct days before the snapshot day.</param>
/// <param name="Monetary">Gross spend before the snapshot day.</param>
/// <param name="LastOrderDay">Day of the last sale order (shop time zone).</param>
/// <param name="DaysSinceLastOrder">Snapshot day − last order day.</param>
/// <param name="MedianCycleDays">Median of the gaps between consecutive order days.</param>
/// <param name="CycleRatio">Days since the last order / median cycle.</param>
public sealed record QuietCustomer(
    string CustomerId, string Segment, long Orders, double Monetary, DateOnly LastOrderDay, int DaysSinceLastOrder, double MedianCycleDays, double CycleRatio);
