# The ecosystem map of a sample chain, exported as GEXF and read back by networkx (the peer
# Gephi users script with), which must see the same firms, ties and attributes.
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
