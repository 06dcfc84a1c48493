<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AugmentControls</name>
    <message>
        <source>Show augmented:</source>
        <translation>显示增强效果：</translation>
    </message>
    <message>
        <source>Draw the pictures as training batches would see them</source>
        <translation>按训练批次看到的样子绘制图片</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>翻转</translation>
    </message>
    <message>
        <source>Random horizontal flip (half of the images)</source>
        <translation>随机水平翻转（一半图片）</translation>
    </message>
    <message>
        <source>Random rotation up to this many degrees either way (0: off)</source>
        <translation>向两侧随机旋转，最多这么多度（0：关闭）</translation>
    </message>
    <message>
        <source>Random crop keeping 1 - this of the area, resized (0: off)</source>
        <translation>随机裁剪，保留 1 减去此比例的面积，再缩放回原尺寸（0：关闭）</translation>
    </message>
    <message>
        <source>Brightness and contrast +/- this fraction (0: off)</source>
        <translation>亮度和对比度随机变化 ± 此比例（0：关闭）</translation>
    </message>
    <message>
        <source>rotate </source>
        <translation>旋转 </translation>
    </message>
    <message>
        <source>crop </source>
        <translation>裁剪 </translation>
    </message>
    <message>
        <source>jitter </source>
        <translation>抖动 </translation>
    </message>
</context>
<context>
    <name>ClassesPage</name>
    <message>
        <source>Augmenting the preview</source>
        <translation>正在生成增强预览</translation>
    </message>
</context>
<context>
    <name>CsvColumnsTable</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>粒度</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>feature</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>word</source>
        <translation>词</translation>
    </message>
    <message>
        <source>char</source>
        <translation>字符</translation>
    </message>
    <message>
        <source>A number, or categories (one-hot encoded)</source>
        <translation>数值，或类别（独热编码）</translation>
    </message>
    <message>
        <source>Words or characters, turned into token indices for an Embedding</source>
        <translation>词或字符，转换为词元索引，供 Embedding 使用</translation>
    </message>
    <message>
        <source>An identifier (user, item), turned into an index for an Embedding</source>
        <translation>标识符（用户、物品），转换为索引，供 Embedding 使用</translation>
    </message>
    <message>
        <source>The column to predict</source>
        <translation>要预测的列</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>Max length: tokens kept per text (longer ones are cut, shorter ones padded)</source>
        <translation>最大长度：每条文本保留的词元数（过长截断，过短填充）</translation>
    </message>
    <message>
        <source>How each column is used. Columns with the same input group feed one Input node (name the groups to build a network with several inputs); a text or id column is an input of its own.</source>
        <translation>每一列的用途。输入组相同的列送入同一个 Input 节点（为各组命名即可构建多输入网络）；文本列或 ID 列各自单独作为一个输入。</translation>
    </message>
    <message>
        <source>Columns with the same group name feed one Input node</source>
        <translation>组名相同的列送入同一个 Input 节点</translation>
    </message>
    <message>
        <source>Tokens kept per text (longer texts are cut, shorter ones padded)</source>
        <translation>每条文本保留的词元数（过长截断，过短填充）</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>Target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>Use this file</source>
        <translation>使用此文件</translation>
    </message>
    <message>
        <source>Some columns look like text or ids. Set each column&apos;s role; columns with the same input group feed one Input node.</source>
        <translation>有些列看起来是文本或 ID。请设置每一列的用途；输入组相同的列送入同一个 Input 节点。</translation>
    </message>
</context>
<context>
    <name>CsvRoles</name>
    <message>
        <source>choose exactly one target column (now: {columns})</source>
        <translation>请只选择一个目标列（当前：{columns}）</translation>
    </message>
    <message>
        <source>choose exactly one target column (the column to predict)</source>
        <translation>请选择一个目标列（要预测的列）</translation>
    </message>
    <message>
        <source>choose at least one input column (feature, text or id)</source>
        <translation>请至少选择一个输入列（特征、文本或 ID）</translation>
    </message>
    <message>
        <source>input group &apos;{group}&apos; mixes the {role} column &apos;{column}&apos; with other columns; a text or id column is an input of its own</source>
        <translation>输入组“{group}”把 {role} 列“{column}”与其他列混在一起；文本列或 ID 列必须单独作为一个输入</translation>
    </message>
</context>
<context>
    <name>DataImports</name>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>导入 CSV</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz);;All files (*)</source>
        <translation>NumPy 归档 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import NPZ</source>
        <translation>导入 NPZ</translation>
    </message>
    <message>
        <source>Import an image folder</source>
        <translation>导入图片文件夹</translation>
    </message>
    <message>
        <source>{file}: pick the role of each column, then use the file.</source>
        <translation>{file}：请设置每一列的用途，然后使用此文件。</translation>
    </message>
    <message>
        <source>{file}: pick the column to predict, then use the file.</source>
        <translation>{file}：请选择要预测的列，然后使用此文件。</translation>
    </message>
    <message>
        <source>{file}: {error}</source>
        <translation>{file}：{error}</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>No dataset</source>
        <translation>无数据集</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Import a CSV file (a table with a column to predict)</source>
        <translation>导入 CSV 文件（含一列待预测值的表格）</translation>
    </message>
    <message>
        <source>NPZ…</source>
        <translation>NPZ…</translation>
    </message>
    <message>
        <source>Import a NumPy archive (arrays x and y)</source>
        <translation>导入 NumPy 归档（数组 x 和 y）</translation>
    </message>
    <message>
        <source>Images…</source>
        <translation>图片…</translation>
    </message>
    <message>
        <source>Import a folder of images whose sub-folders are the classes (PNG, JPEG, BMP, GIF)</source>
        <translation>导入图片文件夹，其子文件夹即各个类别（PNG、JPEG、BMP、GIF）</translation>
    </message>
    <message>
        <source>Loading {name}</source>
        <translation>正在加载 {name}</translation>
    </message>
    <message>
        <source>{task} cancelled</source>
        <translation>{task}已取消</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>{file} ({kind})</source>
        <translation>{file}（{kind}）</translation>
    </message>
    <message>
        <source>Choose a built-in dataset, or import a CSV or NPZ file or a folder of images (or drop one here). The Input layer takes its shape from the data.</source>
        <translation>选择一个内置数据集，或导入 CSV、NPZ 文件或图片文件夹（也可拖放到此处）。Input 层的形状取自数据。</translation>
    </message>
</context>
<context>
    <name>DataPreview</name>
    <message>
        <source>Unbalanced: &apos;{large}&apos; has {large_count} samples, &apos;{small}&apos; {small_count} ({ratio}x fewer); accuracy alone will flatter the model</source>
        <translation>类别不均衡：“{large}”有 {large_count} 个样本，“{small}”只有 {small_count} 个（少 {ratio} 倍）；只看准确率会高估模型</translation>
    </message>
    <message>
        <source>1 file could not be decoded and was skipped: {files}</source>
        <translation>1 个文件无法解码，已跳过：{files}</translation>
    </message>
    <message>
        <source>{count} files could not be decoded and were skipped: {files}</source>
        <translation>{count} 个文件无法解码，已跳过：{files}</translation>
    </message>
    <message>
        <source>Skipped (cannot be decoded):</source>
        <translation>已跳过（无法解码）：</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>……另有 {count} 个</translation>
    </message>
    <message>
        <source>{count} file(s) in the class folders are not images and were ignored</source>
        <translation>类别文件夹中有 {count} 个文件不是图片，已忽略</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Scatter</source>
        <translation>散点图</translation>
    </message>
    <message>
        <source>By class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Class balance</source>
        <translation>类别分布</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
</context>
<context>
    <name>DataSources</name>
    <message>
        <source>classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>ids</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>the image folder</source>
        <translation>图片文件夹</translation>
    </message>
    <message>
        <source>the data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>{what} {path} is missing</source>
        <translation>{what} {path} 不存在</translation>
    </message>
    <message>
        <source>dataset: {problem} (dataset.path {path})</source>
        <translation>数据集：{problem}（dataset.path {path}）</translation>
    </message>
    <message>
        <source>dataset: {problem}</source>
        <translation>数据集：{problem}</translation>
    </message>
    <message>
        <source>{file} is empty</source>
        <translation>{file} 是空的</translation>
    </message>
    <message>
        <source>Images from {path} (one sub-folder per class, or a path,label CSV)</source>
        <translation>来自 {path} 的图片（每个类别一个子文件夹，或一个 path,label 格式的 CSV）</translation>
    </message>
    <message>
        <source>Generated image set &apos;{name}&apos; (written at first use)</source>
        <translation>生成的图片集“{name}”（首次使用时写出）</translation>
    </message>
    <message>
        <source>Generated table &apos;{name}&apos; (written at first use)</source>
        <translation>生成的表格“{name}”（首次使用时写出）</translation>
    </message>
    <message>
        <source>{kind} file {path}</source>
        <translation>{kind} 文件 {path}</translation>
    </message>
    <message>
        <source>column {number}</source>
        <translation>第 {number} 列</translation>
    </message>
    <message>
        <source> · train {train} · validation {validation} · test {test}</source>
        <translation> · 训练 {train} · 验证 {validation} · 测试 {test}</translation>
    </message>
    <message>
        <source>{count} value(s) to predict (regression)</source>
        <translation>预测 {count} 个值（回归）</translation>
    </message>
    <message>
        <source>{count} classes ({task})</source>
        <translation>{count} 个类别（{task}）</translation>
    </message>
    <message>
        <source>Inputs &lt;b&gt;{shape}&lt;/b&gt; {dtype}</source>
        <translation>输入 &lt;b&gt;{shape}&lt;/b&gt; {dtype}</translation>
    </message>
    <message>
        <source>Inputs {inputs}</source>
        <translation>输入 {inputs}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {count} samples{split}&lt;br&gt;{inputs} · targets: {target}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;：{count} 个样本{split}&lt;br&gt;{inputs} · 目标：{target}</translation>
    </message>
    <message>
        <source>{name} &lt;b&gt;{shape}&lt;/b&gt; {kind} ({count} indices)</source>
        <translation>{name} &lt;b&gt;{shape}&lt;/b&gt; {kind}（{count} 个索引）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{shape}&lt;/b&gt; {kind} ({count} indices)</source>
        <translation>&lt;b&gt;{shape}&lt;/b&gt; {kind}（{count} 个索引）</translation>
    </message>
    <message>
        <source>Using dataset {name}: inputs {shapes}</source>
        <translation>使用数据集 {name}：输入 {shapes}</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Draw with the mouse (light ink on a dark ground)</source>
        <translation>用鼠标绘制（深色背景上的浅色笔迹）</translation>
    </message>
</context>
<context>
    <name>ImageClassesView</name>
    <message>
        <source>{name}: {count} images</source>
        <translation>{name}：{count} 张图片</translation>
    </message>
    <message>
        <source>… and {count} more classes</source>
        <translation>……另有 {count} 个类别</translation>
    </message>
</context>
<context>
    <name>ImageEditor</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>打开图片…</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>…or draw one:</source>
        <translation>……或画一张：</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <source>open an image or draw one</source>
        <translation>请打开一张图片或画一张</translation>
    </message>
    <message>
        <source>open an image</source>
        <translation>请打开一张图片</translation>
    </message>
</context>
<context>
    <name>ImageOptionsDialog</name>
    <message>
        <source>Resize (stretch to the size)</source>
        <translation>缩放（拉伸到该尺寸）</translation>
    </message>
    <message>
        <source>Centre-crop (keep shape)</source>
        <translation>中心裁剪（保持比例）</translation>
    </message>
    <message>
        <source>Grey (1 channel)</source>
        <translation>灰度（1 个通道）</translation>
    </message>
    <message>
        <source>Colour RGB (3 channels)</source>
        <translation>彩色 RGB（3 个通道）</translation>
    </message>
    <message>
        <source>Images from {folder}</source>
        <translation>来自 {folder} 的图片</translation>
    </message>
    <message>
        <source>pixels (height x width)</source>
        <translation>像素（高 x 宽）</translation>
    </message>
    <message>
        <source>Scale pixels from 0..255 to 0..1</source>
        <translation>将像素从 0..255 缩放到 0..1</translation>
    </message>
    <message>
        <source>Standardise per channel (training-split mean and std)</source>
        <translation>按通道标准化（使用训练集划分的均值和标准差）</translation>
    </message>
    <message>
        <source>Guessed from the first images. Every image is decoded when you press OK, in the background.</source>
        <translation>根据前几张图片推测。按“确定”后会在后台解码所有图片。</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适配</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>Normalise</source>
        <translation>归一化</translation>
    </message>
</context>
<context>
    <name>ImportCandidates</name>
    <message>
        <source>{file}: cannot read it ({error})</source>
        <translation>{file}：无法读取（{error}）</translation>
    </message>
    <message>
        <source>{file}:{line}: syntax error: {error}</source>
        <translation>{file}:{line}：语法错误：{error}</translation>
    </message>
</context>
<context>
    <name>ImportModelDialog</name>
    <message>
        <source>PyTorch model (*.py *.pt2);;Python file (*.py);;torch.export archive (*.pt2)</source>
        <translation>PyTorch 模型 (*.py *.pt2);;Python 文件 (*.py);;torch.export 归档 (*.pt2)</translation>
    </message>
    <message>
        <source>Import model</source>
        <extracomment>The import wrote this project (a temporary .nbproj the window opens, then deletes).</extracomment>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>models.py or model.pt2</source>
        <translation>models.py 或 model.pt2</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The class or the function that builds the model (FILE.py:Name)</source>
        <translation>构建模型的类或函数（文件.py:名称）</translation>
    </message>
    <message>
        <source>One sample&apos;s shape without the batch, such as 3,32,32 (token ids: the length)</source>
        <translation>单个样本的形状（不含批次维），例如 3,32,32（词元 ID：序列长度）</translation>
    </message>
    <message>
        <source>{&quot;num_classes&quot;: 10}  (optional)</source>
        <translation>{&quot;num_classes&quot;: 10}  （可选）</translation>
    </message>
    <message>
        <source>Keyword arguments for the class or function, as a JSON object</source>
        <translation>传给类或函数的关键字参数，JSON 对象格式</translation>
    </message>
    <message>
        <source>Keep the model&apos;s weights</source>
        <translation>保留模型的权重</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Input shape:</source>
        <translation>输入形状(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Keyword arguments:</source>
        <translation>关键字参数(&amp;K)：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>netbuilder reads the file to list its models; the import itself runs the file in a separate process, so the window stays safe if it crashes or hangs.</source>
        <translation>netbuilder 只读取文件来列出其中的模型；导入时在单独的进程中运行该文件，即使它崩溃或卡住，窗口也不受影响。</translation>
    </message>
    <message>
        <source>from the archive (optional)</source>
        <translation>取自归档（可选）</translation>
    </message>
    <message>
        <source>3,32,32  (one sample, no batch)</source>
        <translation>3,32,32  （单个样本，不含批次维）</translation>
    </message>
    <message>
        <source>A torch.export archive: read without unpickling; its program runs once, in a separate process, to check the imported network against it.</source>
        <translation>torch.export 归档：读取时不进行反序列化（unpickle）；其程序会在单独的进程中运行一次，用来核对导入的网络。</translation>
    </message>
    <message>
        <source>1 model class or function found</source>
        <translation>找到 1 个模型类或函数</translation>
    </message>
    <message>
        <source>{count} model classes and functions found</source>
        <translation>找到 {count} 个模型类和函数</translation>
    </message>
    <message>
        <source>No nn.Module class or function at the top of this file: type the name.</source>
        <translation>此文件顶层没有 nn.Module 类或函数：请输入名称。</translation>
    </message>
    <message>
        <source>Choose a .py file or a .pt2 archive.</source>
        <translation>请选择一个 .py 文件或 .pt2 归档。</translation>
    </message>
    <message>
        <source>Choose the model&apos;s class or function.</source>
        <translation>请选择模型的类或函数。</translation>
    </message>
    <message>
        <source>Give the input shape of one sample, such as 3,32,32.</source>
        <translation>请填写单个样本的输入形状，例如 3,32,32。</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Importing… {seconds} s (tracing the model in a separate process)</source>
        <translation>正在导入… {seconds} 秒（在单独的进程中追踪模型）</translation>
    </message>
    <message>
        <source>The import could not start</source>
        <translation>导入无法启动</translation>
    </message>
    <message>
        <source>{program}: failed to start</source>
        <translation>{program}：启动失败</translation>
    </message>
    <message>
        <source>Imported {layers} layers.</source>
        <translation>已导入 {layers} 个层。</translation>
    </message>
    <message>
        <source>The import process crashed; the window and its project are unaffected.</source>
        <translation>导入进程崩溃；窗口及其项目不受影响。</translation>
    </message>
    <message>
        <source>The import process ended with code {code}; the window and its project are unaffected.</source>
        <translation>导入进程以代码 {code} 结束；窗口及其项目不受影响。</translation>
    </message>
    <message>
        <source>The import failed: nothing was changed.</source>
        <translation>导入失败：没有任何更改。</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>Cannot import the model</source>
        <translation>无法导入模型</translation>
    </message>
    <message>
        <source>Nothing was imported; the open project is unchanged.</source>
        <translation>未导入任何内容；当前打开的项目保持不变。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{what}&lt;/b&gt; in {where}&lt;br&gt;at &lt;code&gt;{line}&lt;/code&gt;&lt;br&gt;{why}</source>
        <translation>&lt;b&gt;{what}&lt;/b&gt;，位于 {where}&lt;br&gt;代码 &lt;code&gt;{line}&lt;/code&gt;&lt;br&gt;{why}</translation>
    </message>
    <message>
        <source>&lt;b&gt;{what}&lt;/b&gt; in {where}&lt;br&gt;{why}</source>
        <translation>&lt;b&gt;{what}&lt;/b&gt;，位于 {where}&lt;br&gt;{why}</translation>
    </message>
</context>
<context>
    <name>ModelImport</name>
    <message>
        <source>the model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Imported {name}: {layers} nodes</source>
        <translation>已导入 {name}：{layers} 个节点</translation>
    </message>
</context>
<context>
    <name>TextEditor</name>
    <message>
        <source>Type a sentence</source>
        <translation>输入一句话</translation>
    </message>
    <message>
        <source>{count} token indices, separated by spaces</source>
        <translation>{count} 个词元索引，用空格分隔</translation>
    </message>
</context>
<context>
    <name>TryPanel</name>
    <message>
        <source>Train the network (or open a trained project) to try it on a new sample.</source>
        <translation>先训练网络（或打开已训练的项目），再用新样本试一试。</translation>
    </message>
    <message>
        <source>The weights were saved without how the data was prepared, and it cannot be rebuilt.</source>
        <translation>保存权重时没有记录数据的预处理方式，且无法重建。</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Token indices</source>
        <translation>词元索引</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>token indices</source>
        <translation>词元索引</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Run the trained network on this sample (Enter)</source>
        <translation>用训练好的网络预测此样本（Enter）</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>recipe.json: {error}; train it again to save its recipe</source>
        <translation>recipe.json：{error}；请重新训练以保存其预处理配方</translation>
    </message>
    <message>
        <source>{input} ({kind})</source>
        <translation>{input}（{kind}）</translation>
    </message>
    <message>
        <source>Rebuilding the recipe from the data</source>
        <translation>正在根据数据重建预处理配方</translation>
    </message>
    <message>
        <source>Reading the data to rebuild how it was prepared for training…</source>
        <translation>正在读取数据，以重建训练时的预处理方式…</translation>
    </message>
    <message>
        <source>the network cannot run this sample: {error}</source>
        <translation>网络无法运行此样本：{error}</translation>
    </message>
    <message>
        <source>Enter a sample; the network predicts one of {count} classes, preprocessed as in training.</source>
        <translation>输入一个样本；网络会预测它属于 {count} 个类别中的哪一个，预处理方式与训练时相同。</translation>
    </message>
    <message>
        <source>Enter a sample; the network predicts one of two classes, preprocessed as in training.</source>
        <translation>输入一个样本；网络会预测它属于两个类别中的哪一个，预处理方式与训练时相同。</translation>
    </message>
    <message>
        <source>Enter a sample; the network predicts a value, preprocessed as in training.</source>
        <translation>输入一个样本；网络会预测一个数值，预处理方式与训练时相同。</translation>
    </message>
    <message>
        <source>Enter a sample; the network predicts {what}, preprocessed as in training.</source>
        <translation>输入一个样本；网络会预测{what}，预处理方式与训练时相同。</translation>
    </message>
</context>
</TS>
