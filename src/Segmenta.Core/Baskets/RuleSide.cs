namespace Segmenta.Core.Baskets;

/// <summary>Which side of a rule an item filter looks at.</summary>
public enum RuleSide
{
    /// <summary>Antecedent or consequent.</summary>
    Either = 0,

    /// <summary>Antecedent (left-hand side) only.</summary>
    Antecedent = 1,

    /// <summary>Consequent (right-hand side) only.</summary>
    Consequent = 2,
}
