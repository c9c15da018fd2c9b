namespace Segmenta.Core.Baskets;

/// <summary>
/// An FP-tree over item ranks 0..rankCount-1 (rank 0 = most frequent). Nodes live in parallel
/// arrays; node 0 is the root. Paths are inserted in ascending rank order.
/// </summary>
internal sealed class FpTree
{
    private int[] _item;
    private int[] _count;
    private int[] _parent;
    private int[] _firstChild;
    private int[] _nextSibling;
    private int[] _nextSameItem;

    public FpTree(int rankCount, int capacity)
    {
        capacity = Math.Max(capacity, 4);
        _item = new int[capacity];
        _count = new int[capacity];
        _parent = new int[capacity];
        _firstChild = new int[capacity];
        _nextSibling = new int[capacity];
        _nextSameItem = new int[capacity];
        Head = new int[rankCount];
        Array.Fill(Head, -1);
        ItemTotal = new int[rankCount];
        _item[0] = -1;
        _parent[0] = -1;
        _firstChild[0] = -1;
        _nextSibling[0] = -1;
        NodeCount = 1;
    }

    /// <summary>First node of each rank's node list, or -1.</summary>
    public int[] Head { get; }

    /// <summary>Total count of each rank in this tree.</summary>
    public int[] ItemTotal { get; }

    public int NodeCount { get; private set; }

    public int RankCount => Head.Length;

    public int ItemOf(int node) => _item[node];

    public int CountOf(int node) => _count[node];

    public int ParentOf(int node) => _parent[node];

    public int NextSameItem(int node) => _nextSameItem[node];

    public void Insert(ReadOnlySpan<int> path, int count)
    {
        var node = 0;
        foreach (var rank in path)
        {
            var child = _firstChild[node];
            while (child >= 0 && _item[child] != rank)
            {
                child = _nextSibling[child];
            }
            if (child < 0)
            {
                child = NewNode(rank, node);
            }
            _count[child] += count;
            ItemTotal[rank] += count;
            node = child;
        }
    }

    private int NewNode(int rank, int parent)
    {
        if (NodeCount == _item.Length)
        {
            var size = _item.Length * 2;
            Array.Resize(ref _item, size);
            Array.Resize(ref _count, size);
            Array.Resize(ref _parent, size);
            Array.Resize(ref _firstChild, size);
            Array.Resize(ref _nextSibling, size);
            Array.Resize(ref _nextSameItem, size);
        }
        var node = NodeCount++;
        _item[node] = rank;
        _count[node] = 0;
        _parent[node] = parent;
        _firstChild[node] = -1;
        _nextSibling[node] = _firstChild[parent];
        _firstChild[parent] = node;
        _nextSameItem[node] = Head[rank];
        Head[rank] = node;
        return node;
    }
}
