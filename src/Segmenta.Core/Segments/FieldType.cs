namespace Segmenta.Core.Segments;

/// <summary>The value type of a field a segment condition can use.</summary>
public enum FieldType
{
    /// <summary>A number (scores, days, amounts, probabilities). Compared with = != &lt; &lt;= &gt; &gt;=, between, in.</summary>
    Number = 0,

    /// <summary>Text (country, segment id). Compared with = != and in only; ordering is not defined.</summary>
    Text = 1,

    /// <summary>True or false (e.g. <c>is_new</c>); usable directly as a condition.</summary>
    Bool = 2,
}
