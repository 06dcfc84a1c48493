<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BlockBreadcrumb</name>
    <message>
        <source>Network</source>
        <extracomment>A level of the path was clicked: 0 the network, 1 the outermost open block, ...</extracomment>
        <translation>网络</translation>
    </message>
    <message>
        <source>Back to the whole network</source>
        <translation>返回整个网络</translation>
    </message>
    <message>
        <source>Editing block {name}: every use ({uses}) follows. Esc: one level out</source>
        <translation>正在编辑模块 {name}：所有 {uses} 处使用都会随之改变。Esc：退出一层</translation>
    </message>
    <message>
        <source>Editing block {name}: its use follows. Esc: one level out</source>
        <translation>正在编辑模块 {name}：它的使用处会随之改变。Esc：退出一层</translation>
    </message>
    <message>
        <source>Editing block {name}: every use ({uses}) follows. Esc or Network: back</source>
        <translation>正在编辑模块 {name}：所有 {uses} 处使用都会随之改变。Esc 或“网络”：返回</translation>
    </message>
    <message>
        <source>Editing block {name}: its use follows. Esc or Network: back</source>
        <translation>正在编辑模块 {name}：它的使用处会随之改变。Esc 或“网络”：返回</translation>
    </message>
</context>
<context>
    <name>BlockCommands</name>
    <message>
        <source>Add block {name}</source>
        <translation>添加模块 {name}</translation>
    </message>
    <message>
        <source>Remove block {name}</source>
        <translation>移除模块 {name}</translation>
    </message>
    <message>
        <source>Change the arguments of {name}</source>
        <translation>更改 {name} 的参数</translation>
    </message>
</context>
<context>
    <name>BlockGestures</name>
    <message>
        <source>Make &amp;Block…</source>
        <translation>创建模块(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Open Block</source>
        <translation>打开模块(&amp;O)</translation>
    </message>
    <message>
        <source>Put Layers &amp;Back</source>
        <translation>还原为层(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Repeat Block…</source>
        <translation>重复模块(&amp;R)…</translation>
    </message>
    <message>
        <source>Back to &amp;Network</source>
        <translation>返回网络(&amp;N)</translation>
    </message>
    <message>
        <source>{tip} (not now: {reason})</source>
        <translation>{tip}（现在不可用：{reason}）</translation>
    </message>
    <message>
        <source>Repeat block</source>
        <translation>重复模块</translation>
    </message>
    <message>
        <source>How many more copies of {name} to chain after this one?</source>
        <translation>在此之后再串接多少个 {name} 副本？</translation>
    </message>
    <message>
        <source>Select the layers to make a block of, then Make Block (Ctrl+B)</source>
        <translation>先选中要组成模块的层，再选择“创建模块”（Ctrl+B）</translation>
    </message>
    <message>
        <source>Make block {name}</source>
        <translation>创建模块 {name}</translation>
    </message>
    <message>
        <source>Cannot make a block: {reason}</source>
        <translation>无法创建模块：{reason}</translation>
    </message>
    <message>
        <source>Made block {name} from {count} layers; double-click it to open it</source>
        <translation>已用 {count} 个层创建模块 {name}；双击即可打开</translation>
    </message>
    <message>
        <source>Put back the layers of {use}</source>
        <translation>还原 {use} 的层</translation>
    </message>
    <message>
        <source>Cannot put the layers back: {reason}</source>
        <translation>无法还原这些层：{reason}</translation>
    </message>
    <message>
        <source>The layers of {use} are back in the network; they no longer follow {name}</source>
        <translation>{use} 的层已放回网络；它们不再随 {name} 改变</translation>
    </message>
    <message>
        <source>Repeat {name} x{copies}</source>
        <translation>重复 {name} ×{copies}</translation>
    </message>
    <message>
        <source>Cannot repeat {name}: {reason}</source>
        <translation>无法重复 {name}：{reason}</translation>
    </message>
    <message>
        <source>{use} uses block {name}, which this project does not define</source>
        <translation>{use} 使用了模块 {name}，但本项目没有定义它</translation>
    </message>
    <message>
        <source>Make one block of the selected layers (a card you can open, reuse and repeat)</source>
        <translation>把选中的层合成一个模块（一张可以打开、复用和重复的卡片）</translation>
    </message>
    <message>
        <source>Show the selected block&apos;s layers for editing (double-click or Enter on the card)</source>
        <translation>显示选中模块的层以便编辑（在卡片上双击或按 Enter）</translation>
    </message>
    <message>
        <source>Replace the selected block by its layers (it stops following the block)</source>
        <translation>用选中模块内部的层替换它（之后不再随模块改变）</translation>
    </message>
    <message>
        <source>Chain more copies of the selected block after it</source>
        <translation>在选中的模块之后串接更多副本</translation>
    </message>
    <message>
        <source>Leave the open block and show the whole network (Esc)</source>
        <translation>离开当前打开的模块，显示整个网络（Esc）</translation>
    </message>
</context>
<context>
    <name>BlockInspector</name>
    <message>
        <source>Open block</source>
        <translation>打开模块</translation>
    </message>
    <message>
        <source>Show this block&apos;s layers on the canvas, to edit them for every use</source>
        <translation>在画布上显示此模块的层，修改会作用于所有使用处</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>1 个层</translation>
    </message>
    <message>
        <source>{count} layers</source>
        <translation>{count} 个层</translation>
    </message>
    <message>
        <source>1 argument that each use sets (below)</source>
        <translation>1 个参数，由每个使用处分别设置（见下方）</translation>
    </message>
    <message>
        <source>{count} arguments that each use sets (below)</source>
        <translation>{count} 个参数，由每个使用处分别设置（见下方）</translation>
    </message>
    <message>
        <source>no arguments: open it and right-click a layer&apos;s setting to make one</source>
        <translation>没有参数：打开模块，在层的设置上右键即可设为参数</translation>
    </message>
    <message>
        <source>{layers}; {arguments}</source>
        <translation>{layers}；{arguments}</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Right-click a setting to make it an argument of {name}: each use then sets its own value (← marks the arguments).</source>
        <translation>右键单击某项设置，可将其设为 {name} 的参数：之后每个使用处各自设置它的值（← 标出参数）。</translation>
    </message>
    <message>
        <source>Argument {argument} of {name}: each use sets it</source>
        <translation>{name} 的参数 {argument}：由每个使用处设置</translation>
    </message>
    <message>
        <source>Stop being an argument</source>
        <translation>取消参数</translation>
    </message>
    <message>
        <source>Make a block argument</source>
        <translation>设为模块参数</translation>
    </message>
    <message>
        <source>{setting} stops being an argument of {name}</source>
        <translation>{setting} 不再是 {name} 的参数</translation>
    </message>
    <message>
        <source>Make {setting} argument {argument} of {name}</source>
        <translation>将 {setting} 设为 {name} 的参数 {argument}</translation>
    </message>
</context>
<context>
    <name>BlockLibraryActions</name>
    <message>
        <source>Save Block to &amp;Library…</source>
        <translation>将模块保存到库(&amp;L)…</translation>
    </message>
    <message>
        <source>Keep a block of this project for use in other projects</source>
        <translation>保存本项目的一个模块，以便在其他项目中使用</translation>
    </message>
    <message>
        <source>Block {name} is no longer in the library</source>
        <translation>模块 {name} 已不在库中</translation>
    </message>
    <message>
        <source>This project has no block {name}</source>
        <translation>本项目没有模块 {name}</translation>
    </message>
    <message>
        <source>Block {name} cannot go inside {inside}: a block cannot contain itself</source>
        <translation>模块 {name} 不能放进 {inside}：模块不能包含自身</translation>
    </message>
    <message>
        <source>Add block {name} from the library</source>
        <translation>从库中添加模块 {name}</translation>
    </message>
    <message>
        <source>Add block {name}</source>
        <translation>添加模块 {name}</translation>
    </message>
    <message>
        <source>Added {asked} from the library as {name} (this project&apos;s {asked} is a different block)</source>
        <translation>已从库中添加 {asked}，命名为 {name}（本项目的 {asked} 是另一个模块）</translation>
    </message>
    <message>
        <source>This project has no blocks yet: select layers and make a block of them</source>
        <translation>本项目还没有模块：选中一些层，把它们创建为模块</translation>
    </message>
    <message>
        <source>No folder for the block library</source>
        <translation>没有模块库文件夹</translation>
    </message>
    <message>
        <source>Save block to library</source>
        <translation>将模块保存到库</translation>
    </message>
    <message>
        <source>Saved block {name} to the library ({path})</source>
        <translation>已将模块 {name} 保存到库（{path}）</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>从库中移除</translation>
    </message>
    <message>
        <source>Removed block {name} from the library (projects using it keep their copy)</source>
        <translation>已从库中移除模块 {name}（使用它的项目保留各自的副本）</translation>
    </message>
    <message>
        <source>block {name}</source>
        <translation>模块 {name}</translation>
    </message>
    <message>
        <source>Block {name} is open on the canvas; go back to the network first</source>
        <translation>模块 {name} 正在画布上打开；请先返回网络</translation>
    </message>
    <message>
        <source>{listed} and {count} more</source>
        <translation>{listed} 等（另有 {count} 处）</translation>
    </message>
    <message>
        <source>Block {name} is still used ({listed}); delete those uses first</source>
        <translation>模块 {name} 仍在使用中（{listed}）；请先删除这些使用处</translation>
    </message>
    <message>
        <source>Deleted block {name} (Undo brings it back)</source>
        <translation>已删除模块 {name}（撤销可恢复）</translation>
    </message>
    <message>
        <source>&amp;Add to Canvas</source>
        <translation>添加到画布(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete Block</source>
        <translation>删除模块(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save to Library…</source>
        <translation>保存到库(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Remove from Library…</source>
        <translation>从库中移除(&amp;R)…</translation>
    </message>
    <message>
        <source>Replace library block?</source>
        <translation>替换库中的模块？</translation>
    </message>
    <message>
        <source>The library already has a block {name} ({path}). Replace it with this project&apos;s?</source>
        <translation>库中已有模块 {name}（{path}）。要用本项目的模块替换它吗？</translation>
    </message>
    <message>
        <source>Remove from library?</source>
        <translation>从库中移除？</translation>
    </message>
    <message>
        <source>Remove block {name} from the library ({path})? Projects that use it keep their own copy.</source>
        <translation>从库中移除模块 {name}（{path}）？使用它的项目会保留各自的副本。</translation>
    </message>
    <message>
        <source>Block:</source>
        <translation>模块：</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未被使用</translation>
    </message>
    <message>
        <source>Used 1 time</source>
        <translation>使用 1 次</translation>
    </message>
    <message>
        <source>Used {count} times</source>
        <translation>使用 {count} 次</translation>
    </message>
</context>
<context>
    <name>BlockNameDialog</name>
    <message>
        <source>Give the block a name</source>
        <extracomment>A default name from what the selection holds (first match wins), made unique.</extracomment>
        <translation>请为模块命名</translation>
    </message>
    <message>
        <source>{name} is taken in Python code; the name becomes a class name</source>
        <translation>{name} 在 Python 代码中已被占用；模块名会成为类名</translation>
    </message>
    <message>
        <source>Start with a letter; use only letters, digits and _ (it becomes a class name)</source>
        <translation>以字母开头；只能使用字母、数字和 _（模块名会成为类名）</translation>
    </message>
    <message>
        <source>This project already has a block named {name}</source>
        <translation>本项目已有名为 {name} 的模块</translation>
    </message>
    <message>
        <source>Make block</source>
        <translation>创建模块</translation>
    </message>
    <message>
        <source>The selected layers become one block: a card you can open, reuse from the palette and repeat. Name it like a class (it is one in exported code).</source>
        <translation>选中的层将合成一个模块：一张可以打开、从层库中复用并重复的卡片。请像给类起名一样为它命名（在导出的代码中它就是一个类）。</translation>
    </message>
</context>
<context>
    <name>BlockNavigator</name>
    <message>
        <source>No block named {name} in this project</source>
        <extracomment>The canvas switched between the network and a block&apos;s body: the block&apos;s name, or None.</extracomment>
        <translation>本项目中没有名为 {name} 的模块</translation>
    </message>
</context>
<context>
    <name>BlockNodeItem</name>
    <message>
        <source>No block named {name} in this project</source>
        <extracomment>Blocks and their port nodes get colours of their own (the palette&apos;s swatches use them too).</extracomment>
        <translation>本项目中没有名为 {name} 的模块</translation>
    </message>
    <message>
        <source>{name}: 1 layer; double-click to open</source>
        <translation>{name}：1 个层；双击打开</translation>
    </message>
    <message>
        <source>block of 1 layer</source>
        <translation>含 1 个层的模块</translation>
    </message>
    <message>
        <source>{name}: {count} layers; double-click to open</source>
        <translation>{name}：{count} 个层；双击打开</translation>
    </message>
    <message>
        <source>block of {count} layers</source>
        <translation>含 {count} 个层的模块</translation>
    </message>
</context>
<context>
    <name>BlockSection</name>
    <message>
        <source>1 layer, 1 input</source>
        <translation>1 个层，1 个输入</translation>
    </message>
    <message>
        <source>1 layer, {inputs} inputs</source>
        <translation>1 个层，{inputs} 个输入</translation>
    </message>
    <message>
        <source>{layers} layers, 1 input</source>
        <translation>{layers} 个层，1 个输入</translation>
    </message>
    <message>
        <source>{layers} layers, {inputs} inputs</source>
        <translation>{layers} 个层，{inputs} 个输入</translation>
    </message>
    <message>
        <source>{summary}; arguments: {args}</source>
        <translation>{summary}；参数：{args}</translation>
    </message>
    <message>
        <source>A block of this project</source>
        <translation>本项目的一个模块</translation>
    </message>
    <message>
        <source>Block {name}: {summary}</source>
        <translation>模块 {name}：{summary}</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Blocks of this project, and (outlined) blocks from your library</source>
        <translation>本项目的模块，以及（空心图标）来自你的库的模块</translation>
    </message>
    <message>
        <source>From your library</source>
        <translation>来自你的库</translation>
    </message>
    <message>
        <source>Blocks saved to your library, shared by all your projects</source>
        <translation>保存在你的库中的模块，所有项目共用</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; from your block library</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;，来自你的模块库</translation>
    </message>
    <message>
        <source>Library block {name}: {summary}</source>
        <translation>库模块 {name}：{summary}</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add {layer}</source>
        <translation>添加 {layer}</translation>
    </message>
    <message>
        <source>Delete {node}</source>
        <translation>删除 {node}</translation>
    </message>
    <message>
        <source>Connect {src} to {dst}</source>
        <translation>连接 {src} 到 {dst}</translation>
    </message>
    <message>
        <source>Disconnect {src} from {dst}</source>
        <translation>断开 {src} 与 {dst} 的连线</translation>
    </message>
    <message>
        <source>Change {params} of {node}</source>
        <translation>更改 {node} 的 {params}</translation>
    </message>
    <message>
        <source>Rename {node}</source>
        <translation>重命名 {node}</translation>
    </message>
    <message>
        <source>Move {node}</source>
        <translation>移动 {node}</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>{action} {node}</source>
        <translation>{action} {node}</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>Add {layer} after {src}</source>
        <extracomment>The edit lock changed: the reason (str) while locked, None when edits are allowed again. An edit was refused because of the lock; carries the reason to show the user. What is wrong with the bound data, found when it was read (None: nothing, or not read). The project&apos;s training results changed (a run ended, a project was opened): the new ``ProjectResults``.</extracomment>
        <translation>在 {src} 之后添加 {layer}</translation>
    </message>
    <message>
        <source>Delete {node}</source>
        <translation>删除 {node}</translation>
    </message>
    <message>
        <source>Delete {count} nodes</source>
        <translation>删除 {count} 个节点</translation>
    </message>
    <message>
        <source>Delete connection</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <source>Delete {count} connections</source>
        <translation>删除 {count} 条连线</translation>
    </message>
    <message>
        <source>Paste {count} nodes</source>
        <translation>粘贴 {count} 个节点</translation>
    </message>
    <message>
        <source>Auto-arrange</source>
        <translation>自动排列</translation>
    </message>
    <message>
        <source>Use dataset {name}</source>
        <translation>使用数据集 {name}</translation>
    </message>
    <message>
        <source>Unbind dataset</source>
        <translation>解除数据集绑定</translation>
    </message>
    <message>
        <source>Change training settings</source>
        <translation>更改训练设置</translation>
    </message>
</context>
<context>
    <name>EdgeLabel</name>
    <message>
        <source>Tensor shape {shape}</source>
        <translation>张量形状 {shape}</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>Breast cancer diagnosis</source>
        <extracomment>The bundled examples&apos; names (their files&apos; ``name``), for File &gt; Open Example in the window&apos;s language; a name not listed here is shown as the file has it.</extracomment>
        <translation>乳腺癌诊断</translation>
    </message>
    <message>
        <source>Diabetes progression (regression)</source>
        <translation>糖尿病病情进展（回归）</translation>
    </message>
    <message>
        <source>Handwritten digits CNN</source>
        <translation>手写数字 CNN</translation>
    </message>
    <message>
        <source>Handwritten digits MLP</source>
        <translation>手写数字 MLP</translation>
    </message>
    <message>
        <source>Ratings recommender (two inputs)</source>
        <translation>评分推荐（两个输入）</translation>
    </message>
    <message>
        <source>Residual MLP on spirals</source>
        <translation>螺旋数据上的残差 MLP</translation>
    </message>
    <message>
        <source>Review sentiment (bag of words)</source>
        <translation>评论情感（词袋）</translation>
    </message>
    <message>
        <source>Review sentiment (text, LSTM)</source>
        <translation>评论情感（文本，LSTM）</translation>
    </message>
    <message>
        <source>Review sentiment (text, Transformer)</source>
        <translation>评论情感（文本，Transformer）</translation>
    </message>
    <message>
        <source>Shapes CNN (images from a folder)</source>
        <translation>形状识别 CNN（文件夹中的图像）</translation>
    </message>
    <message>
        <source>The classic first network</source>
        <translation>经典入门网络</translation>
    </message>
    <message>
        <source>Two moons MLP</source>
        <translation>双月数据 MLP</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>PyTorch &amp;module (.py)…</source>
        <translation>PyTorch 模块(&amp;M) (.py)…</translation>
    </message>
    <message>
        <source>Python files (*.py)</source>
        <translation>Python 文件 (*.py)</translation>
    </message>
    <message>
        <source>&amp;Multi-GPU training script (torchrun)…</source>
        <translation>多 GPU 训练脚本(&amp;G) (torchrun)…</translation>
    </message>
    <message>
        <source>&amp;ONNX model (.onnx)…</source>
        <translation>ONNX 模型(&amp;O) (.onnx)…</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 模型 (*.onnx)</translation>
    </message>
    <message>
        <source>torch.&amp;export archive (.pt2)…</source>
        <translation>torch.export 归档(&amp;E) (.pt2)…</translation>
    </message>
    <message>
        <source>torch.export archives (*.pt2)</source>
        <translation>torch.export 归档 (*.pt2)</translation>
    </message>
    <message>
        <source>&amp;Weights (.safetensors)…</source>
        <translation>权重(&amp;W) (.safetensors)…</translation>
    </message>
    <message>
        <source>safetensors files (*.safetensors)</source>
        <translation>safetensors 文件 (*.safetensors)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export training script into folder</source>
        <translation>将训练脚本导出到文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export to Python</source>
        <translation>导出为 Python</translation>
    </message>
    <message>
        <source>Also write the trained weights beside it as {file}?

The .py file&apos;s load(&quot;{file}&quot;) applies them.</source>
        <translation>是否同时在旁边写入训练后的权重，保存为 {file}？

.py 文件中的 load(&quot;{file}&quot;) 会加载这些权重。</translation>
    </message>
    <message>
        <source>Also write the initial (never trained) weights beside it as {file}?

The .py file&apos;s load(&quot;{file}&quot;) applies them.</source>
        <translation>是否同时在旁边写入初始（未训练）权重，保存为 {file}？

.py 文件中的 load(&quot;{file}&quot;) 会加载这些权重。</translation>
    </message>
    <message>
        <source>Exporting {file}</source>
        <translation>正在导出 {file}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Exported to {path} and {others}.</source>
        <translation>已导出到 {path} 以及 {others}。</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>The clipboard holds no netbuilder layers</source>
        <extracomment>Double-click or Enter on a block use: open its definition (the use&apos;s node id). Right-click: the node under the pointer (None: the background) and the screen point.</extracomment>
        <translation>剪贴板中没有 netbuilder 的层</translation>
    </message>
    <message>
        <source>Cannot paste: the data is not a netbuilder selection ({reason})</source>
        <translation>无法粘贴：数据不是 netbuilder 的选区（{reason}）</translation>
    </message>
    <message>
        <source>Cannot paste: {reason}</source>
        <translation>无法粘贴：{reason}</translation>
    </message>
</context>
<context>
    <name>InspectorWidget</name>
    <message>
        <source>Select a layer on the canvas to see and edit its settings.</source>
        <extracomment>&quot;Open block&quot; on a block use&apos;s page: the use&apos;s node id.</extracomment>
        <translation>在画布上选择一个层，即可查看和编辑它的设置。</translation>
    </message>
    <message>
        <source>{count} layers selected.</source>
        <translation>已选择 {count} 个层。</translation>
    </message>
    <message>
        <source>A use of block {name}</source>
        <translation>模块 {name} 的一处使用</translation>
    </message>
    <message>
        <source>Unknown layer type {type}: kept from the file as it was; it cannot be edited or trained.</source>
        <translation>未知的层类型 {type}：按文件原样保留；无法编辑或训练。</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label shown on the canvas (the id stays the same)</source>
        <translation>在画布上显示的标签（ID 保持不变）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>This layer has no settings.</source>
        <translation>此层没有可设置的参数。</translation>
    </message>
</context>
<context>
    <name>Interactions</name>
    <message>
        <source>Drop the connection on an input port</source>
        <extracomment>With more nodes than this, only targets in view are highlighted on press (keeps it instant).</extracomment>
        <translation>请把连线放到输入端口上</translation>
    </message>
    <message>
        <source>Drop the connection on an output port</source>
        <translation>请把连线放到输出端口上</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>重新连接</translation>
    </message>
</context>
<context>
    <name>KeyboardWiring</name>
    <message>
        <source>Canvas keys: Tab next layer · Alt+arrows nearest layer that way · arrows move it · C connect to the next layer · Shift+C choose what to connect to · Delete remove</source>
        <extracomment>What the status bar says when the canvas takes the keyboard focus.</extracomment>
        <translation>画布按键：Tab 下一个层 · Alt+方向键 该方向上最近的层 · 方向键 移动 · C 连接到下一个层 · Shift+C 选择连接目标 · Delete 删除</translation>
    </message>
    <message>
        <source>Select one layer (or two) to connect</source>
        <translation>请选择一个（或两个）层来连接</translation>
    </message>
    <message>
        <source>Connected {src} → {dst} (Ctrl+Z undoes it)</source>
        <translation>已连接 {src} → {dst}（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
        <source>Select the one layer to connect from, then press Shift+C</source>
        <translation>请选择一个作为连线起点的层，然后按 Shift+C</translation>
    </message>
    <message>
        <source>{node} input {port}</source>
        <translation>{node} 的输入 {port}</translation>
    </message>
    <message>
        <source>Connect {src} → {dst} ({index} of {count}): Tab or arrows choose, Enter connects, Esc cancels</source>
        <translation>连接 {src} → {dst}（第 {index} 个，共 {count} 个）：Tab 或方向键选择，Enter 连接，Esc 取消</translation>
    </message>
    <message>
        <source>Connecting cancelled</source>
        <translation>已取消连接</translation>
    </message>
    <message>
        <source>Co&amp;nnect to Next Layer</source>
        <translation>连接到下一个层(&amp;N)</translation>
    </message>
    <message>
        <source>Wire the selected layer to the nearest layer that can take it (two selected: left to right)</source>
        <translation>把选中的层连到最近的、能接收它的层（选中两个时：从左到右连接）</translation>
    </message>
    <message>
        <source>Connect &amp;To…</source>
        <translation>连接到(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose what the selected layer feeds: Tab or arrows, then Enter</source>
        <translation>选择选中层要连接到的目标：Tab 或方向键，然后按 Enter</translation>
    </message>
    <message>
        <source>Nothing can take {src}&apos;s output: every other layer&apos;s input is full</source>
        <translation>没有层能接收 {src} 的输出：其他层的输入都已占满</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>netbuilder projects (*.nbproj *.json);;All files (*)</source>
        <translation>netbuilder 项目 (*.nbproj *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Training plots</source>
        <translation>训练曲线</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>层库</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Try it</source>
        <translation>试一试</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Training results</source>
        <translation>训练结果</translation>
    </message>
    <message>
        <source>Drag layers here from the Layers palette (or double-click one).
Connect them by dragging from a layer&apos;s output port ○ (right side)
to the next layer&apos;s input port ○ (left side).
Or open a ready-made network with File ▸ Open Example.</source>
        <translation>从“层库”把层拖到这里（或双击某个层）。
从一个层的输出端口 ○（右侧）拖到
下一个层的输入端口 ○（左侧）即可连接。
也可以通过“文件 ▸ 打开示例”打开现成的网络。</translation>
    </message>
    <message>
        <source>{total} parameters</source>
        <translation>{total} 个参数</translation>
    </message>
    <message>
        <source>{total} parameters so far</source>
        <translation>目前 {total} 个参数</translation>
    </message>
    <message>
        <source>memory {summary}</source>
        <translation>内存 {summary}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name} before closing it?</source>
        <translation>关闭前是否保存对 {name} 的更改？</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>netbuilder project (*.nbproj);;Project JSON, no weights (*.json)</source>
        <translation>netbuilder 项目 (*.nbproj);;项目 JSON，不含权重 (*.json)</translation>
    </message>
    <message>
        <source>New project: drag layers from the palette</source>
        <translation>新项目：从层库拖入层</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opened {name}</source>
        <translation>已打开 {name}</translation>
    </message>
    <message>
        <source>Cannot save project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved {name}</source>
        <translation>已保存 {name}</translation>
    </message>
    <message>
        <source>Drag layers from the palette to start</source>
        <translation>从层库拖入层即可开始</translation>
    </message>
    <message>
        <source>Empty network</source>
        <translation>空网络</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>See the Issues list</source>
        <translation>请查看问题列表</translation>
    </message>
    <message>
        <source>Connect: {layers}</source>
        <translation>请连接：{layers}</translation>
    </message>
    <message>
        <source>1 layer not connected yet</source>
        <translation>1 个层尚未连接</translation>
    </message>
    <message>
        <source>{count} layers not connected yet</source>
        <translation>{count} 个层尚未连接</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>尚未完成</translation>
    </message>
    <message>
        <source>Shapes are checked against the dataset once one is chosen in the Data tab</source>
        <translation>在“数据”页选择数据集后，会根据数据集检查形状</translation>
    </message>
    <message>
        <source>No dataset yet</source>
        <translation>尚无数据集</translation>
    </message>
    <message>
        <source>Every layer&apos;s shape fits</source>
        <translation>每个层的形状都匹配</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>新建一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <source>&amp;Import Model…</source>
        <translation>导入模型(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a PyTorch model (.py or .pt2) as an editable network</source>
        <translation>把 PyTorch 模型（.py 或 .pt2）打开为可编辑的网络</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制副本(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected layers and connections</source>
        <translation>删除选中的层和连线</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Auto-&amp;arrange</source>
        <translation>自动排列(&amp;A)</translation>
    </message>
    <message>
        <source>Lay the network out left to right</source>
        <translation>从左到右排列网络</translation>
    </message>
    <message>
        <source>Pre&amp;ferences…</source>
        <translation>首选项(&amp;F)…</translation>
    </message>
    <message>
        <source>Theme, new projects&apos; device and memory, recovery files, training statistics</source>
        <translation>主题、新项目的设备和内存、恢复文件、训练统计</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation>打开示例(&amp;E)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <source>unknown layer type</source>
        <translation>未知的层类型</translation>
    </message>
    <message>
        <source>Unknown layer type {type}: kept from the file, cannot be trained</source>
        <translation>未知的层类型 {type}：按文件原样保留，无法训练</translation>
    </message>
    <message>
        <source>output {shape}</source>
        <translation>输出 {shape}</translation>
    </message>
</context>
<context>
    <name>Overview</name>
    <message>
        <source>Overview of the whole network: click or drag to move the view</source>
        <translation>整个网络的概览：单击或拖动以移动视图</translation>
    </message>
</context>
<context>
    <name>PaletteWidget</name>
    <message>
        <source>Block ports</source>
        <extracomment>MIME type of a palette drag; the data is the layer type name in UTF-8.</extracomment>
        <translation>模块端口</translation>
    </message>
    <message>
        <source>Search layers and blocks…</source>
        <extracomment>Emitted with the layer type on double-click or Enter: &quot;add this where I am looking&quot;. The same for a block row: ``(source, name)``, source &quot;project&quot; or &quot;library&quot;.</extracomment>
        <translation>搜索层和模块…</translation>
    </message>
</context>
<context>
    <name>ParamField</name>
    <message>
        <source>e.g. 8, 8</source>
        <translation>例如 8, 8</translation>
    </message>
    <message>
        <source>e.g. 8</source>
        <translation>例如 8</translation>
    </message>
    <message>
        <source>{text} is not a number</source>
        <translation>{text} 不是数字</translation>
    </message>
</context>
<context>
    <name>ParamText</name>
    <message>
        <source>enter whole numbers separated by commas, e.g. 8, 8</source>
        <translation>请输入以逗号分隔的整数，例如 8, 8</translation>
    </message>
    <message>
        <source>{text} is not a list of whole numbers, e.g. 8, 8</source>
        <translation>{text} 不是整数列表，应如 8, 8</translation>
    </message>
</context>
<context>
    <name>PasteCommands</name>
    <message>
        <source>The pasted data is not a netbuilder selection ({reason})</source>
        <translation>粘贴的数据不是 netbuilder 的选区（{reason}）</translation>
    </message>
</context>
<context>
    <name>PortItem</name>
    <message>
        <source>Output port: drag from here to an input port (left side of a layer) to connect</source>
        <translation>输出端口：从这里拖到输入端口（层的左侧）即可连接</translation>
    </message>
    <message>
        <source>Input port: drag here from an output port to connect; drag a connected input away to re-route or remove its connection</source>
        <translation>输入端口：从输出端口拖到这里即可连接；把已连接的输入拖开可改接或删除连线</translation>
    </message>
</context>
</TS>
