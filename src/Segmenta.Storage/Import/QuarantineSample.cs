namespace Segmenta.Storage.Import;

/// <summary>One rejected row, as shown to the user: where it was and why.</summary>
/// <param name="Row">1-based data row in the file (the header is not counted).</param>
/// <param name="Field">The canonical field at fault.</param>
/// <param name="Reason">A stable reason code, e.g. <c>bad_date</c>.</param>
/// <param name="Detail">A sentence naming the offending value.</param>
public sealed record QuarantineSample(long Row, string Field, string Reason, string Detail);
