using Segmenta.Core.Segments;

namespace Segmenta.Core.Tests.Segments;

public class FieldCatalogTests
{
    [Fact]
    public void Suggest_SwappedLetters_FindsRecency()
    {
        // Given 'recnecy' (two neighbouring letters swapped)
        // When suggestions are asked
        var suggestions = FieldCatalog.Default.Suggest("recnecy");

        // Then 'recency' (distance 1) is the only suggestion
        Assert.Equal(["recency"], suggestions);
    }

    [Fact]
    public void Suggest_NothingClose_NoSuggestions()
    {
        // Given a name far from every field
        // When suggestions are asked
        // Then none are given
        Assert.Empty(FieldCatalog.Default.Suggest("zzzzzz"));
    }

    [Fact]
    public void Constructor_DuplicateNameIgnoringCase_Throws()
    {
        // Given two fields 'r' and 'R'
        // When the catalog is built
        var ex = Assert.Throws<SegmentaInputException>(() => new FieldCatalog(
        [
            new FieldDefinition("r", FieldType.Number, "r_score", ""),
            new FieldDefinition("R", FieldType.Number, "r2", ""),
        ]));

        // Then the duplicate is named
        Assert.Equal("field 'R' is defined twice in the field catalog", ex.Message);
    }

    [Fact]
    public void FieldDefinition_ColumnWithSql_Rejected()
    {
        // Given a SQL column carrying SQL text
        // When the field is defined
        var ex = Assert.Throws<SegmentaInputException>(() =>
            new FieldDefinition("x", FieldType.Number, "x; drop table t", ""));

        // Then it is refused
        Assert.StartsWith("SQL column 'x; drop table t' of field 'x' is not a plain column name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldDefinition_KeywordName_Rejected()
    {
        // Given a field named 'between'
        // When the field is defined
        var ex = Assert.Throws<SegmentaInputException>(() => new FieldDefinition("between", FieldType.Number, "b", ""));

        // Then it is refused as reserved
        Assert.Equal("field name 'between' is a reserved word of the condition language", ex.Message);
    }
}
