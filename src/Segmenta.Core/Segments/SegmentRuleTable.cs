using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Segmenta.Core.Rfm;

namespace Segmenta.Core.Segments;

/// <summary>
/// An ordered list of segment rules, evaluated top to bottom: a customer belongs to the first rule
/// whose condition is true. All conditions are checked against the catalog when the table is built.
/// </summary>
public sealed partial class SegmentRuleTable
{
    private readonly SegmentCondition[] _conditions;

    /// <summary>Builds a table, parsing and checking every condition.</summary>
    /// <param name="rules">The rules in priority order; at least one; ids unique.</param>
    /// <param name="catalog">The fields the conditions may use.</param>
    /// <exception cref="SegmentaInputException">
    /// No rules, a malformed or duplicate id, or a bad condition; the message names the rule.
    /// </exception>
    public SegmentRuleTable(IEnumerable<SegmentRule> rules, FieldCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(catalog);
        var list = rules.ToList();
        if (list.Count == 0)
        {
            throw new SegmentaInputException("a segment rule table needs at least one rule");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        _conditions = new SegmentCondition[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var rule = list[i] ?? throw new ArgumentException("rules must not contain null", nameof(rules));
            var where = string.Create(CultureInfo.InvariantCulture, $"segment rule {i + 1}");
            if (rule.Id is null || !IdPattern().IsMatch(rule.Id))
            {
                throw new SegmentaInputException(
                    $"{where}: id '{rule.Id}' is not valid; use lower-case letters, digits and underscores, starting with a letter");
            }
            if (!ids.Add(rule.Id))
            {
                throw new SegmentaInputException($"{where}: id '{rule.Id}' is used by an earlier rule");
            }
            try
            {
                _conditions[i] = SegmentCondition.Parse(rule.Condition ?? string.Empty, catalog);
            }
            catch (SegmentaInputException ex)
            {
                throw new SegmentaInputException($"{where} '{rule.Id}' condition: {ex.Message}", ex);
            }
        }
        Rules = list;
        Catalog = catalog;
    }

    /// <summary>The default ten lifecycle segments over <see cref="FieldCatalog.Default"/>.</summary>
    public static SegmentRuleTable Default { get; } = new(DefaultSegments.All, FieldCatalog.Default);

    /// <summary>The rules in priority order.</summary>
    public IReadOnlyList<SegmentRule> Rules { get; }

    /// <summary>The checked conditions, parallel to <see cref="Rules"/>.</summary>
    public IReadOnlyList<SegmentCondition> Conditions => _conditions;

    /// <summary>The catalog the conditions were checked against.</summary>
    public FieldCatalog Catalog { get; }

    /// <summary>The SQL columns any rule's condition reads.</summary>
    public IReadOnlySet<string> Columns => _conditions.SelectMany(c => c.Columns).ToHashSet(StringComparer.Ordinal);

    /// <summary>The first rule whose condition is true for <paramref name="values"/>, or null when none is.</summary>
    /// <param name="values">Field values keyed by catalog field name.</param>
    /// <returns>The matching rule or null.</returns>
    public SegmentRule? FirstMatch(IReadOnlyDictionary<string, object?> values)
    {
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (_conditions[i].Matches(values))
            {
                return Rules[i];
            }
        }
        return null;
    }

    /// <summary>Every rule whose condition is true, ignoring priority, in table order.</summary>
    /// <param name="values">Field values keyed by catalog field name.</param>
    /// <returns>The matching rules.</returns>
    public IReadOnlyList<SegmentRule> AllMatches(IReadOnlyDictionary<string, object?> values)
    {
        var matches = new List<SegmentRule>();
        for (var i = 0; i < _conditions.Length; i++)
        {
            if (_conditions[i].Matches(values))
            {
                matches.Add(Rules[i]);
            }
        }
        return matches;
    }

    /// <summary>The segment of a customer with scores <paramref name="score"/> (fields r, f, m, is_new; others null).</summary>
    /// <param name="score">The RFM score.</param>
    /// <param name="isNew">Whether the customer is new (see <see cref="NewCustomerRule"/>).</param>
    /// <returns>The first matching rule, or null when none matches.</returns>
    public SegmentRule? Classify(RfmScore score, bool isNew) => FirstMatch(ScoreValues(score, isNew));

    /// <summary>Field values r, f, m and is_new for a score, as the rules see them.</summary>
    /// <param name="score">The RFM score.</param>
    /// <param name="isNew">The is_new flag.</param>
    /// <returns>A dictionary keyed by field name.</returns>
    public static IReadOnlyDictionary<string, object?> ScoreValues(RfmScore score, bool isNew) =>
        new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["r"] = score.R,
            ["f"] = score.F,
            ["m"] = score.M,
            ["is_new"] = isNew,
        };

    /// <summary>
    /// The table as one SQL <c>CASE</c> expression yielding the segment id (NULL when no rule
    /// matches): <c>CASE WHEN c1 THEN $k WHEN c2 THEN … END</c>. Segment ids are parameters too.
    /// </summary>
    /// <param name="firstParameterIndex">Number of the first placeholder (default 1).</param>
    /// <returns>The SQL text and its parameter values in placeholder order.</returns>
    public CompiledSql ToSqlCase(int firstParameterIndex = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstParameterIndex, 1);
        var sql = new StringBuilder("CASE");
        var parameters = new List<object>();
        for (var i = 0; i < _conditions.Length; i++)
        {
            var condition = _conditions[i].ToSql(firstParameterIndex + parameters.Count);
            parameters.AddRange(condition.Parameters);
            parameters.Add(Rules[i].Id);
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {condition.Sql} THEN ${firstParameterIndex + parameters.Count - 1}");
        }
        sql.Append(" END");
        return new CompiledSql(sql.ToString(), parameters);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
