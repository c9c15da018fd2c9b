namespace Segmenta.Core;

/// <summary>
/// A problem with the user's input or configuration that the user can fix: the message says
/// what is wrong and where (file, row, field). Hosts print it without a stack trace and exit with 1.
/// </summary>
public sealed class SegmentaInputException : Exception
{
    /// <summary>Creates the error with a message that names what to fix.</summary>
    public SegmentaInputException(string message) : base(message) { }

    /// <summary>Creates the error with a message and the low-level cause.</summary>
    public SegmentaInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the error without a message (required by CA1032).</summary>
    public SegmentaInputException() { }
}
