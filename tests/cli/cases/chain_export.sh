# The ecosystem map of a sample chain, exported as GEXF and read back by networkx (the peer
# Gephi users script with), which must see the same firms, ties and attributes.
# tolerance: exact
#   (no number is printed in full: the modularity has six digits)
# checked: line 3 is networkx reading the exported GEXF, a peer of the counts on lines 1-2. The
#   modularity on line 1 recomputed with networkx from the GEXF's community attribute
#   (nx.community.modularity on the undirected multigraph of the 22 ties: 0.48037190082644626).
#   By hand from src/modules/kg/sample_region.cpp: 22 ties among the chain's 20 firms (16 supply,
#   3 investment, 3 cooperation), 19 firms with ties, 天津宝坻示例电池回收 the one without. The
#   community numbers on lines 4-6 are Louvain's labels: regression only.
xinzhi demo seed --db t.db > /dev/null
xinzhi chain ecosystem 新能源汽车（示例） --db t.db
xinzhi chain export 新能源汽车（示例） --gexf eco.gexf --db t.db
/usr/bin/python3 -c "
import networkx as nx
g = nx.read_gexf('eco.gexf')
print(g.number_of_nodes(), 'nodes', g.number_of_edges(), 'edges')
for n, d in sorted(g.nodes(data=True), key=lambda x: x[1]['label'])[:3]:
    print(d['label'], d['province'], d['zone'], d['community'])
"
