def dir = new File(basedir, 'target/railway-diagrams')
def mmd = new File(dir, 'order-v1.mmd')
assert mmd.isFile() : "no Mermaid file at ${mmd}"
assert mmd.text.contains('reserve-stock')
def html = new File(dir, 'index.html').text
assert html.contains('class="mermaid"')
assert html.contains('mermaid.initialize')
assert new File(basedir, 'build.log').text.contains('VALID: order@1')
return true
