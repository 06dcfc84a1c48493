<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Catalogue</name>
    <message>
        <source>Block input</source>
        <extracomment>Block port node types: they exist only inside a definition&apos;s body. Node types that are not catalogue layers but that graphs hold. Layer types a block body cannot hold (a block&apos;s data comes through its ports).</extracomment>
        <translation>模块输入</translation>
    </message>
    <message>
        <source>Block ports</source>
        <translation>模块端口</translation>
    </message>
    <message>
        <source>Where a block&apos;s input enters its body; index 0 is the block&apos;s first input port</source>
        <translation>模块的输入从此进入模块内部；index 0 是模块的第一个输入端口</translation>
    </message>
    <message>
        <source>Which of the block&apos;s inputs this is (from 0)</source>
        <translation>这是模块的第几个输入（从 0 起）</translation>
    </message>
    <message>
        <source>Block output</source>
        <translation>模块输出</translation>
    </message>
    <message>
        <source>The block&apos;s result: what its use passes on to the next layers</source>
        <translation>模块的结果：模块的使用处传给后续层的内容</translation>
    </message>
    <message>
        <source>Blocks</source>
        <extracomment>The spec of a ``Block`` node whose definition is not known: only its name can be read.</extracomment>
        <translation>模块</translation>
    </message>
    <message>
        <source>A use of a block defined in this project</source>
        <translation>对本项目中定义的模块的一次使用</translation>
    </message>
    <message>
        <source>The block definition this node uses</source>
        <translation>此节点使用的模块定义</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <source>cannot be read as CSV ({reason})</source>
        <translation>无法按 CSV 读取（{reason}）</translation>
    </message>
    <message>
        <source>is not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{file}, line {line}, column &apos;{column}&apos;: {message}</source>
        <translation>{file}，第 {line} 行，列 &apos;{column}&apos;：{message}</translation>
    </message>
    <message>
        <source>{file}, line {line}: {message}</source>
        <translation>{file}，第 {line} 行：{message}</translation>
    </message>
    <message>
        <source>header must be true, false or &quot;auto&quot;; got {value}</source>
        <translation>header 必须是 true、false 或 &quot;auto&quot;；实际为 {value}</translation>
    </message>
    <message>
        <source>delimiter must be one character; got {value}</source>
        <translation>delimiter 必须是单个字符；实际为 {value}</translation>
    </message>
    <message>
        <source>{role} must be a list of column names or indices; got {value}</source>
        <translation>{role} 必须是列名或列索引的列表；实际为 {value}</translation>
    </message>
    <message>
        <source>{file} is {size} MiB; CSV files over {most} MiB are refused (save the arrays as .npz)</source>
        <translation>{file} 有 {size} MiB；超过 {most} MiB 的 CSV 文件会被拒绝（请把数组保存为 .npz）</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 text</source>
        <translation>{file} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{file} is empty</source>
        <translation>{file} 为空</translation>
    </message>
    <message>
        <source>has a header but no data rows</source>
        <translation>有表头但没有数据行</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; of {file} cannot be both the target and a feature</source>
        <translation>{file} 的列 &apos;{column}&apos; 不能既是目标又是特征</translation>
    </message>
    <message>
        <source>{file} has no feature columns besides the target</source>
        <translation>{file} 除目标外没有特征列</translation>
    </message>
    <message>
        <source>has {count} fields, expected {want} (as on line {first})</source>
        <translation>有 {count} 个字段，应为 {want} 个（与第 {first} 行一致）</translation>
    </message>
    <message>
        <source>missing value</source>
        <translation>缺失值</translation>
    </message>
    <message>
        <source>more than {most} distinct values in a category column; is it an id or free text? List it in dataset.options.ids or text, or leave it out of the features</source>
        <translation>类别列中有超过 {most} 个不同的值；它是 ID 还是自由文本？请把它列入 dataset.options.ids 或 text，或不要把它作为特征</translation>
    </message>
    <message>
        <source>empty cell; a text or id column needs every row</source>
        <translation>空单元格；文本列或 ID 列的每一行都需要有值</translation>
    </message>
    <message>
        <source>target column &apos;{column}&apos; of {file}</source>
        <translation>{file} 的目标列 &apos;{column}&apos;</translation>
    </message>
    <message>
        <source>{cell} is not a number, but the column is numeric</source>
        <translation>{cell} 不是数字，但该列是数值列</translation>
    </message>
    <message>
        <source>{cell} is not a finite number</source>
        <translation>{cell} 不是有限的数</translation>
    </message>
    <message>
        <source>column name &apos;{name}&apos; appears twice in the header (columns {first} and {second})</source>
        <translation>列名 &apos;{name}&apos; 在表头中出现了两次（第 {first} 列和第 {second} 列）</translation>
    </message>
    <message>
        <source>{role} column must be a name or an index; got {value}</source>
        <translation>{role} 列必须是列名或索引；实际为 {value}</translation>
    </message>
    <message>
        <source>{role} column index {index} is out of range; {file} has {count} columns (indices start at 0)</source>
        <translation>{role} 列索引 {index} 超出范围；{file} 有 {count} 列（索引从 0 开始）</translation>
    </message>
    <message>
        <source>unknown {role} column &apos;{column}&apos; in {file}; its columns are: {names}</source>
        <translation>{file} 中没有 {role} 列 &apos;{column}&apos;；它的列有：{names}</translation>
    </message>
    <message>
        <source>dataset.options.{option} of &apos;{dataset}&apos;</source>
        <translation>&apos;{dataset}&apos; 的 dataset.options.{option}</translation>
    </message>
    <message>
        <source>{label} must be a number, got {value}</source>
        <translation>{label} 必须是数字，实际为 {value}</translation>
    </message>
    <message>
        <source>{label} must be a whole number, got {value}</source>
        <translation>{label} 必须是整数，实际为 {value}</translation>
    </message>
    <message>
        <source>{label} must be between {low} and {high}, got {value}</source>
        <translation>{label} 必须在 {low} 到 {high} 之间，实际为 {value}</translation>
    </message>
    <message>
        <source>dataset.options.{key} is not an option of &apos;{name}&apos; (its options: {allowed})</source>
        <translation>dataset.options.{key} 不是 &apos;{name}&apos; 的选项（可用选项：{allowed}）</translation>
    </message>
    <message>
        <source>dataset.options.vocab of &apos;{name}&apos; must be at least classes ({out})</source>
        <translation>&apos;{name}&apos; 的 dataset.options.vocab 不能小于类别数（{out}）</translation>
    </message>
    <message>
        <source>dataset.options.n_samples of &apos;{name}&apos; must be at least two per class</source>
        <translation>&apos;{name}&apos; 的 dataset.options.n_samples 必须至少为每个类别两个</translation>
    </message>
    <message>
        <source>unknown built-in dataset &apos;{name}&apos;; choose one of: {builtin_datasets}</source>
        <translation>未知的内置数据集 &apos;{name}&apos;；可选：{builtin_datasets}</translation>
    </message>
    <message>
        <source>dataset.options.{role} names columns; got {col}</source>
        <translation>dataset.options.{role} 应列出列名；实际为 {col}</translation>
    </message>
    <message>
        <source>column index {col} (in dataset.options.{role}) is out of range</source>
        <translation>列序号 {col}（在 dataset.options.{role} 中）超出范围</translation>
    </message>
    <message>
        <source>no column &apos;{col}&apos; (named in dataset.options.{role}); its columns are: {names}</source>
        <translation>没有列 &apos;{col}&apos;（在 dataset.options.{role} 中指定）；现有列：{names}</translation>
    </message>
    <message>
        <source>the target column cannot also be in dataset.options.{role}</source>
        <translation>目标列不能同时出现在 dataset.options.{role} 中</translation>
    </message>
    <message>
        <source>a column cannot be both text and an id</source>
        <translation>一列不能既是文本列又是 ID 列</translation>
    </message>
    <message>
        <source>dataset.options has both features and inputs; inputs name every column used</source>
        <translation>dataset.options 同时含有 features 和 inputs；inputs 已列出所有使用的列</translation>
    </message>
    <message>
        <source>there are no feature columns besides the target</source>
        <translation>除目标列外没有特征列</translation>
    </message>
    <message>
        <source>a text or id column is an input of its own; name the inputs with dataset.options.inputs (e.g. {{&quot;inputs&quot;: {{&quot;words&quot;: [...], &quot;numbers&quot;: [...]}}}})</source>
        <translation>文本列或 ID 列自成一个输入；请用 dataset.options.inputs 指定各输入（例如 {{&quot;inputs&quot;: {{&quot;words&quot;: [...], &quot;numbers&quot;: [...]}}}}）</translation>
    </message>
    <message>
        <source>this text / id column is in none of the {where}</source>
        <translation>此文本 / ID 列不在任何 {where} 中</translation>
    </message>
    <message>
        <source>dataset.options.text must map text columns to tokeniser settings (e.g. {{&quot;review&quot;: {{&quot;max_length&quot;: 40}}}})</source>
        <translation>dataset.options.text 必须把文本列映射到分词设置（例如 {{&quot;review&quot;: {{&quot;max_length&quot;: 40}}}}）</translation>
    </message>
    <message>
        <source>dataset.options.ids must be a list of id columns; got {ids}</source>
        <translation>dataset.options.ids 必须是 ID 列的列表；实际为 {ids}</translation>
    </message>
    <message>
        <source>dataset.options.inputs must map input names to lists of columns (e.g. {{&quot;user&quot;: [&quot;user_id&quot;], &quot;extra&quot;: [&quot;age&quot;]}})</source>
        <translation>dataset.options.inputs 必须把输入名映射到列的列表（例如 {{&quot;user&quot;: [&quot;user_id&quot;], &quot;extra&quot;: [&quot;age&quot;]}}）</translation>
    </message>
    <message>
        <source>dataset.options.inputs: an input name is empty</source>
        <translation>dataset.options.inputs：有一个输入名为空</translation>
    </message>
    <message>
        <source>dataset.options.{where} must be a non-empty list of columns; got {cols}</source>
        <translation>dataset.options.{where} 必须是非空的列列表；实际为 {cols}</translation>
    </message>
    <message>
        <source>dataset.options.{where} names this column twice (also in {first})</source>
        <translation>dataset.options.{where} 两次指定了这一列（另见 {first}）</translation>
    </message>
    <message>
        <source>dataset.options.{where} mixes a text or id column with other columns; a text or id column is an input of its own</source>
        <translation>dataset.options.{where} 把文本列或 ID 列与其他列混在一起；文本列或 ID 列自成一个输入</translation>
    </message>
    <message>
        <source>dataset.name {name} is not a generated table (known: {generated_tables}); give dataset.path for a CSV file of your own</source>
        <extracomment>name -&gt; (file name, writer). Change the file name whenever a writer&apos;s output changes.</extracomment>
        <translation>dataset.name {name} 不是可生成的表格（已知：{generated_tables}）；要使用自己的 CSV 文件，请指定 dataset.path</translation>
    </message>
    <message>
        <source>the generated table {name}</source>
        <translation>生成的表格 {name}</translation>
    </message>
    <message>
        <source>dataset.options.task must be one of {tasks}; got {task}</source>
        <translation>dataset.options.task 必须是 {tasks} 之一；实际为 {task}</translation>
    </message>
    <message>
        <source>(the generated table &apos;{name}&apos;)</source>
        <translation>（生成的表格 &apos;{name}&apos;）</translation>
    </message>
    <message>
        <source>(dataset.path &apos;{path}&apos;, relative to {folder})</source>
        <translation>（dataset.path &apos;{path}&apos;，相对于 {folder}）</translation>
    </message>
    <message>
        <source>(dataset.path &apos;{path}&apos;)</source>
        <translation>（dataset.path &apos;{path}&apos;）</translation>
    </message>
    <message>
        <source>{name} does not fit in this machine&apos;s free memory</source>
        <translation>{name} 超出本机的可用内存</translation>
    </message>
    <message>
        <source>the images of {path} do not fit in this machine&apos;s free memory</source>
        <translation>{path} 中的图像超出本机的可用内存</translation>
    </message>
    <message>
        <source>the dataset {name} does not fit in this machine&apos;s free memory once split and standardised</source>
        <translation>数据集 {name} 在划分和标准化之后超出本机的可用内存</translation>
    </message>
    <message>
        <source>the training split has {train} samples, fewer than the {n_classes} classes; lower the val/test fractions</source>
        <translation>训练集只有 {train} 个样本，少于 {n_classes} 个类别；请降低验证集/测试集比例</translation>
    </message>
    <message>
        <source>dataset.options must be an object</source>
        <translation>dataset.options 必须是一个对象</translation>
    </message>
    <message>
        <source>dataset.options.{key} is not an option of {source} data (its options: {allowed})</source>
        <translation>dataset.options.{key} 不是 {source} 数据的选项（可用选项：{allowed}）</translation>
    </message>
    <message>
        <source>a folder</source>
        <translation>一个文件夹</translation>
    </message>
    <message>
        <source>a FIFO (named pipe)</source>
        <translation>一个 FIFO（命名管道）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>一个字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>一个块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>一个套接字</translation>
    </message>
    <message>
        <source>dataset file</source>
        <translation>数据集文件</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>NPZ file</source>
        <translation>NPZ 文件</translation>
    </message>
    <message>
        <source>{what} {path} is a broken link (to {target})</source>
        <translation>{what} {path} 是一个失效的链接（指向 {target}）</translation>
    </message>
    <message>
        <source>{what} not found: {path}</source>
        <translation>{what}不存在：{path}</translation>
    </message>
    <message>
        <source>{what} {path} cannot be read ({reason})</source>
        <translation>{what} {path} 无法读取（{reason}）</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>{what} {path} (a link to {target}) is {kind}, not a regular file</source>
        <translation>{what} {path}（指向 {target} 的链接）是{kind}，不是普通文件</translation>
    </message>
    <message>
        <source>{what} {path} is {kind}, not a regular file</source>
        <translation>{what} {path} 是{kind}，不是普通文件</translation>
    </message>
    <message>
        <source>{problem} {hint}</source>
        <translation>{problem} {hint}</translation>
    </message>
    <message>
        <source>dataset.name {name} is not a generated image set (known: {generated_sets}); give dataset.path for a folder of your own</source>
        <extracomment>name -&gt; (folder name, writer). Change the folder name whenever a writer&apos;s output changes.</extracomment>
        <translation>dataset.name {name} 不是可生成的图像集（已知：{generated_sets}）；要使用自己的文件夹，请指定 dataset.path</translation>
    </message>
    <message>
        <source>the generated image set {name}</source>
        <translation>生成的图像集 {name}</translation>
    </message>
    <message>
        <source>cannot write {what} under {parent} ({value}); set {data_dir_env} to a writable folder</source>
        <translation>无法在 {parent} 下写入{what}（{value}）；请把 {data_dir_env} 设为可写的文件夹</translation>
    </message>
    <message>
        <source>cannot write {what} to {target} ({value})</source>
        <translation>无法把{what}写入 {target}（{value}）</translation>
    </message>
    <message>
        <source>the {count} images stream from disk ({nbytes} as float32, above training.data_memory_mb) and are not available as one array here; raise training.data_memory_mb to load them whole</source>
        <translation>这 {count} 张图像从磁盘流式读取（按 float32 计为 {nbytes}，超过 training.data_memory_mb），这里无法作为一个数组取得；调高 training.data_memory_mb 即可整体载入</translation>
    </message>
    <message>
        <source>{count} image file could not be decoded and trained as blank images</source>
        <translation>{count} 个图像文件无法解码，已按空白图像训练</translation>
    </message>
    <message>
        <source>{count} image files could not be decoded and trained as blank images</source>
        <translation>{count} 个图像文件无法解码，已按空白图像训练</translation>
    </message>
    <message>
        <source>the classes of {file}</source>
        <translation>{file} 的类别</translation>
    </message>
    <message>
        <source>image folder not found: {path}</source>
        <translation>找不到图像文件夹：{path}</translation>
    </message>
    <message>
        <source>{path} is neither a folder of class sub-folders nor a .csv of path,label</source>
        <translation>{path} 既不是含类别子文件夹的文件夹，也不是 path,label 格式的 .csv</translation>
    </message>
    <message>
        <source>{count} images at {channels}x{height}x{width} need {need} as float32; the limit is {max_dataset_bytes}: choose a smaller dataset.options.size</source>
        <translation>{count} 张 {channels}x{height}x{width} 的图像按 float32 需要 {need}；上限为 {max_dataset_bytes}：请选择更小的 dataset.options.size</translation>
    </message>
    <message>
        <source>image folder {root} cannot be read ({value})</source>
        <translation>无法读取图像文件夹 {root}（{value}）</translation>
    </message>
    <message>
        <source>image folder {root} has no class sub-folders (it holds {loose} images directly); put each class&apos;s images in a sub-folder named after the class</source>
        <translation>图像文件夹 {root} 没有类别子文件夹（图像直接放在其中，共 {loose} 张）；请把每个类别的图像放进以该类别命名的子文件夹</translation>
    </message>
    <message>
        <source>image folder {root} has no class sub-folders; put each class&apos;s images in a sub-folder named after the class</source>
        <translation>图像文件夹 {root} 没有类别子文件夹；请把每个类别的图像放进以该类别命名的子文件夹</translation>
    </message>
    <message>
        <source>class folder {folder} holds no images ({image_suffixes})</source>
        <translation>类别文件夹 {folder} 中没有图像（{image_suffixes}）</translation>
    </message>
    <message>
        <source>{name} cannot be read ({exc})</source>
        <translation>无法读取 {name}（{exc}）</translation>
    </message>
    <message>
        <source>{name} is empty; expected a header path,label</source>
        <translation>{name} 是空的；应有表头 path,label</translation>
    </message>
    <message>
        <source>{name} line 1: unknown column {column}; an image list has the columns path,label</source>
        <translation>{name} 第 1 行：未知的列 {column}；图像列表的列为 path,label</translation>
    </message>
    <message>
        <source>{name} line 1: no column {column}; an image list has the columns path,label</source>
        <translation>{name} 第 1 行：缺少列 {column}；图像列表的列为 path,label</translation>
    </message>
    <message>
        <source>{name} line {number}: {count} values, expected {count2} (path,label)</source>
        <translation>{name} 第 {number} 行：有 {count} 个值，应为 {count2} 个（path,label）</translation>
    </message>
    <message>
        <source>{name} line {number}: the {missing} is empty</source>
        <translation>{name} 第 {number} 行：{missing} 为空</translation>
    </message>
    <message>
        <source>{name} line {number}: image file not found: {rel} (relative to {parent})</source>
        <translation>{name} 第 {number} 行：找不到图像文件：{rel}（相对于 {parent}）</translation>
    </message>
    <message>
        <source>{name} lists no images</source>
        <translation>{name} 没有列出任何图像</translation>
    </message>
    <message>
        <source>image not found: {file}</source>
        <translation>找不到图像：{file}</translation>
    </message>
    <message>
        <source>{file}: too many pixels (a decompression bomb?)</source>
        <translation>{file}：像素过多（可能是解压炸弹？）</translation>
    </message>
    <message>
        <source>{file} cannot be read as an image ({reason})</source>
        <translation>无法把 {file} 读取为图像（{reason}）</translation>
    </message>
    <message>
        <source>class {lost} of {path} has no image that could be decoded</source>
        <translation>{path} 的类别 {lost} 中没有可解码的图像</translation>
    </message>
    <message>
        <source>no image of {path} could be decoded</source>
        <translation>{path} 中没有可解码的图像</translation>
    </message>
    <message>
        <source>not an image Pillow can read</source>
        <translation>不是 Pillow 能读取的图像</translation>
    </message>
    <message>
        <source>{name} is not a valid .npz archive ({exc})</source>
        <translation>{name} 不是有效的 .npz 归档（{exc}）</translation>
    </message>
    <message>
        <source>{name} is not a valid .npz archive</source>
        <translation>{name} 不是有效的 .npz 归档</translation>
    </message>
    <message>
        <source>{name}: member {key} is not an .npy array (save arrays with numpy.savez)</source>
        <translation>{name}：成员 {key} 不是 .npy 数组（请用 numpy.savez 保存数组）</translation>
    </message>
    <message>
        <source>array &apos;{xkey}&apos; in {name} must be numeric, got dtype {dtype}</source>
        <translation>{name} 中的数组 &apos;{xkey}&apos; 必须是数值型，实际 dtype 为 {dtype}</translation>
    </message>
    <message>
        <source>array &apos;y&apos; in {name} must hold numbers or text, got dtype {dtype}</source>
        <translation>{name} 中的数组 &apos;y&apos; 必须是数字或文本，实际 dtype 为 {dtype}</translation>
    </message>
    <message>
        <source>{name}: &apos;{xkey}&apos; has {rows} samples but &apos;y&apos; has {rows2}</source>
        <translation>{name}：&apos;{xkey}&apos; 有 {rows} 个样本，但 &apos;y&apos; 有 {rows2} 个</translation>
    </message>
    <message>
        <source>{name} has no samples</source>
        <translation>{name} 没有样本</translation>
    </message>
    <message>
        <source>array &apos;{key}&apos; in {file}</source>
        <translation>{file} 中的数组 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>array &apos;y&apos; in {file}</source>
        <translation>{file} 中的数组 &apos;y&apos;</translation>
    </message>
    <message>
        <source>{name}: &apos;feature_names&apos; has {count} names for inputs of shape {shape}</source>
        <translation>{name}：&apos;feature_names&apos; 有 {count} 个名称，而输入的形状为 {shape}</translation>
    </message>
    <message>
        <source>{name} has no array &apos;{keys}&apos; (or &apos;{keys2}&apos;); it holds: {value}</source>
        <translation>{name} 中没有数组 &apos;{keys}&apos;（或 &apos;{keys2}&apos;）；其中有：{value}</translation>
    </message>
    <message>
        <source>array &apos;{key}&apos; in {name} holds Python objects, which are never loaded (unpickling can run code); save numeric arrays instead</source>
        <translation>{name} 中的数组 &apos;{key}&apos; 含有 Python 对象，这类对象一律不载入（反序列化可能执行代码）；请改存数值数组</translation>
    </message>
    <message>
        <source>array &apos;{key}&apos; in {name} cannot be read ({exc})</source>
        <translation>无法读取 {name} 中的数组 &apos;{key}&apos;（{exc}）</translation>
    </message>
    <message>
        <source>array &apos;{key}&apos; in {name} does not fit in this machine&apos;s free memory</source>
        <translation>{name} 中的数组 &apos;{key}&apos; 超出本机的可用内存</translation>
    </message>
    <message>
        <source>inputs must be one of {input_kinds}; got {inputs}</source>
        <translation>inputs 必须是 {input_kinds} 之一；实际为 {inputs}</translation>
    </message>
    <message>
        <source>token inputs must be whole numbers shaped [samples, length]; {where} is {dtype} {shape}</source>
        <translation>词元输入必须是形状为 [样本数, 长度] 的整数；{where} 为 {dtype} {shape}</translation>
    </message>
    <message>
        <source>{where} has a negative token index ({min})</source>
        <translation>{where} 含有负的词元索引（{min}）</translation>
    </message>
    <message>
        <source>{where} has shape {shape}; expected [N, features], [N, H, W] or [N, C, H, W]</source>
        <translation>{where} 的形状为 {shape}；应为 [N, features]、[N, H, W] 或 [N, C, H, W]</translation>
    </message>
    <message>
        <source>{where} has shape {shape}: no input values</source>
        <translation>{where} 的形状为 {shape}：没有输入值</translation>
    </message>
    <message>
        <source>images must be [N, H, W] or [N, C, H, W]; {where} has shape {shape}</source>
        <translation>图像必须是 [N, H, W] 或 [N, C, H, W]；{where} 的形状为 {shape}</translation>
    </message>
    <message>
        <source>{where} has a missing or infinite value in sample {value}</source>
        <translation>{where} 的第 {value} 个样本含有缺失值或无穷大</translation>
    </message>
    <message>
        <source>dataset.inline needs both &apos;x&apos; and &apos;y&apos;</source>
        <translation>dataset.inline 需要同时提供 &apos;x&apos; 和 &apos;y&apos;</translation>
    </message>
    <message>
        <source>dataset.inline has {count} rows of x but {count2} of y</source>
        <translation>dataset.inline 的 x 有 {count} 行，而 y 有 {count2} 行</translation>
    </message>
    <message>
        <source>dataset.options.feature_names must be a list of names</source>
        <translation>dataset.options.feature_names 必须是名称列表</translation>
    </message>
    <message>
        <source>dataset.options.feature_names has {count} names for {shape} inputs</source>
        <translation>dataset.options.feature_names 有 {count} 个名称，而输入为 {shape}</translation>
    </message>
    <message>
        <source>{where} must be a non-empty list</source>
        <translation>{where} 必须是非空列表</translation>
    </message>
    <message>
        <source>{where} row {value} has {size} values, expected {expected} (as in row 1)</source>
        <translation>{where} 第 {value} 行有 {size} 个值，应为 {expected} 个（与第 1 行相同）</translation>
    </message>
    <message>
        <source>{where} row {value}, column {value2} is {what}, not {kind}</source>
        <translation>{where} 第 {value} 行第 {value2} 列是{what}，不是{kind}</translation>
    </message>
    <message>
        <source>{where} is not a rectangular table of values ({exc})</source>
        <translation>{where} 不是一个规整的数值表格（{exc}）</translation>
    </message>
    <message>
        <source>{file}: member {member} {message}</source>
        <extracomment>What zipfile and numpy&apos;s header parser raise on damaged bytes (neither is strict about it).</extracomment>
        <translation>{file}：成员 {member} {message}</translation>
    </message>
    <message>
        <source>{file} {message}</source>
        <translation>{file} {message}</translation>
    </message>
    <message>
        <source>is {size}; .npz datasets are at most {max_npz_file_bytes}</source>
        <translation>大小为 {size}；.npz 数据集最大为 {max_npz_file_bytes}</translation>
    </message>
    <message>
        <source>holds a single array (.npy), not an .npz archive; save inputs and targets together with numpy.savez(path, X=inputs, y=targets)</source>
        <translation>只含一个数组（.npy），不是 .npz 归档；请用 numpy.savez(path, X=inputs, y=targets) 把输入和目标一起保存</translation>
    </message>
    <message>
        <source>is not a valid .npz archive (it does not start like a zip archive; save arrays with numpy.savez)</source>
        <translation>不是有效的 .npz 归档（开头不像 zip 归档；请用 numpy.savez 保存数组）</translation>
    </message>
    <message>
        <source>has {declared} members; an .npz dataset has at most {max_members}</source>
        <translation>有 {declared} 个成员；.npz 数据集最多 {max_members} 个</translation>
    </message>
    <message>
        <source>is not a valid .npz archive (damaged or truncated zip: {exc})</source>
        <translation>不是有效的 .npz 归档（zip 已损坏或被截断：{exc}）</translation>
    </message>
    <message>
        <source>has {count} members; an .npz dataset has at most {max_members}</source>
        <translation>有 {count} 个成员；.npz 数据集最多 {max_members} 个</translation>
    </message>
    <message>
        <source>declares {total} of arrays in all; datasets are at most {max_dataset_bytes}</source>
        <translation>声明的数组总大小为 {total}；数据集最大为 {max_dataset_bytes}</translation>
    </message>
    <message>
        <source>is encrypted, which .npz datasets are not</source>
        <translation>已加密，而 .npz 数据集不能加密</translation>
    </message>
    <message>
        <source>is {file_size} uncompressed; datasets are at most {max_dataset_bytes}</source>
        <translation>解压后为 {file_size}；数据集最大为 {max_dataset_bytes}</translation>
    </message>
    <message>
        <source>is compressed more than {max_ratio}:1 ({compress_size} -&gt; {file_size}), like a zip bomb; save it with numpy.savez</source>
        <translation>压缩比超过 {max_ratio}:1（{compress_size} -&gt; {file_size}），像是 zip 炸弹；请用 numpy.savez 保存</translation>
    </message>
    <message>
        <source>is damaged ({exc})</source>
        <translation>已损坏（{exc}）</translation>
    </message>
    <message>
        <source>has a damaged .npy header ({exc})</source>
        <translation>的 .npy 头已损坏（{exc}）</translation>
    </message>
    <message>
        <source>holds Python objects, which are never loaded (unpickling can run code); save numeric arrays instead</source>
        <translation>含有 Python 对象，这类对象一律不载入（反序列化可能执行代码）；请改存数值数组</translation>
    </message>
    <message>
        <source>declares shape {short}, with a negative size</source>
        <translation>声明的形状为 {short}，含有负的尺寸</translation>
    </message>
    <message>
        <source>declares shape {shape} {dtype} = {size}</source>
        <translation>声明的形状为 {shape} {dtype} = {size}</translation>
    </message>
    <message>
        <source>{declared}; datasets are at most {max_dataset_bytes}</source>
        <translation>{declared}；数据集最大为 {max_dataset_bytes}</translation>
    </message>
    <message>
        <source>{declared} but holds {file_size} (truncated or damaged)</source>
        <translation>{declared}，但实际只有 {file_size}（被截断或已损坏）</translation>
    </message>
    <message>
        <source>has .npy format version {version}.{version2}, not 1.0 or 2.0</source>
        <translation>的 .npy 格式版本为 {version}.{version2}，不是 1.0 或 2.0</translation>
    </message>
    <message>
        <source>the target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>task must be one of {tasks}; got {task}</source>
        <translation>task 必须是 {tasks} 之一；实际为 {task}</translation>
    </message>
    <message>
        <source>{where} has no values</source>
        <translation>{where} 没有值</translation>
    </message>
    <message>
        <source>{where} must be one value or one row of values per sample, got shape {shape}</source>
        <translation>{where} 必须是每个样本一个值或一行值，实际形状为 {shape}</translation>
    </message>
    <message>
        <source>{where} must hold numbers or text, got {dtype}</source>
        <translation>{where} 必须是数字或文本，实际为 {dtype}</translation>
    </message>
    <message>
        <source>regression needs numeric targets, but {where} holds text</source>
        <translation>回归需要数值型目标，但 {where} 是文本</translation>
    </message>
    <message>
        <source>{task} needs one class label per sample, but {where} has {shape} columns that are not one-hot</source>
        <translation>{task} 需要每个样本一个类别标签，但 {where} 有 {shape} 列，且不是 one-hot</translation>
    </message>
    <message>
        <source>{task} needs whole-number or text class labels, but {where} has {col} at row {value}</source>
        <translation>{task} 需要整数或文本类别标签，但 {where} 第 {value} 行为 {col}</translation>
    </message>
    <message>
        <source>{where} has only one class ({label}); a classifier needs at least two</source>
        <translation>{where} 只有一个类别（{label}）；分类器至少需要两个</translation>
    </message>
    <message>
        <source>binary needs exactly two classes, but {where} has {k}</source>
        <translation>binary 需要恰好两个类别，但 {where} 有 {k} 个</translation>
    </message>
    <message>
        <source>{where} has a missing or infinite value at row {value}</source>
        <translation>{where} 第 {value} 行含有缺失值或无穷大</translation>
    </message>
    <message>
        <source>the dataset has no samples</source>
        <translation>数据集没有样本</translation>
    </message>
    <message>
        <source>{where} must be an object</source>
        <translation>{where} 必须是一个对象</translation>
    </message>
    <message>
        <source>{where}.kind must be one of {input_kinds}; got {kind}</source>
        <translation>{where}.kind 必须是 {input_kinds} 之一；实际为 {kind}</translation>
    </message>
    <message>
        <source>{where}.shape must be 1 to 4 sizes from 1 to {max_side}; got {shape}</source>
        <translation>{where}.shape 必须是 1 到 4 个取值 1 到 {max_side} 的尺寸；实际为 {shape}</translation>
    </message>
    <message>
        <source>{where}: mean and std must come together, of one length</source>
        <translation>{where}：mean 和 std 必须同时给出，且长度相同</translation>
    </message>
    <message>
        <source>{where}: mean and std must hold {stats} values (std above 0) for shape {shape}; got {count}</source>
        <translation>{where}：对于形状 {shape}，mean 和 std 必须各有 {stats} 个值（std 大于 0）；实际为 {count}</translation>
    </message>
    <message>
        <source>{where}.categorical must index its {count} columns</source>
        <translation>{where}.categorical 必须是其 {count} 列的索引</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; takes numbers; got {raw}</source>
        <translation>输入 &apos;{name}&apos; 接受数字；实际为 {raw}</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; takes {width} values ({names}); got {size}</source>
        <translation>输入 &apos;{name}&apos; 接受 {width} 个值（{names}）；实际为 {size} 个</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; takes {width} values; got {size}</source>
        <translation>输入 &apos;{name}&apos; 接受 {width} 个值；实际为 {size} 个</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos;: values must be finite numbers</source>
        <translation>输入 &apos;{name}&apos;：值必须是有限的数字</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; needs column &apos;{base}&apos;</source>
        <translation>输入 &apos;{name}&apos; 需要列 &apos;{base}&apos;</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; needs column &apos;{column}&apos;</source>
        <translation>输入 &apos;{name}&apos; 需要列 &apos;{column}&apos;</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; must be a number; got {raw}</source>
        <translation>列 &apos;{column}&apos; 必须是数字；实际为 {raw}</translation>
    </message>
    <message>
        <source>column &apos;{base}&apos;: {raw} was never seen in training (known: {known})</source>
        <translation>列 &apos;{base}&apos;：训练时从未见过 {raw}（已知：{known}）</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; takes images of shape {shape}; got {shape2}</source>
        <translation>输入 &apos;{name}&apos; 接受形状为 {shape} 的图像；实际为 {shape2}</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; takes an id; got {raw}</source>
        <translation>列 &apos;{column}&apos; 接受一个 ID；实际为 {raw}</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos;: {value} was never seen in training</source>
        <translation>列 &apos;{column}&apos;：训练时从未见过 {value}</translation>
    </message>
    <message>
        <source>input &apos;{name}&apos; takes {width} token indices (whole numbers from 0, separated by spaces); got {raw}</source>
        <translation>输入 &apos;{name}&apos; 接受 {width} 个词元索引（从 0 开始的整数，以空格分隔）；实际为 {raw}</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; takes text; got {raw}</source>
        <translation>列 &apos;{column}&apos; 接受文本；实际为 {raw}</translation>
    </message>
    <message>
        <source>no input named &apos;{name}&apos; (inputs: {value})</source>
        <translation>没有名为 &apos;{name}&apos; 的输入（现有输入：{value}）</translation>
    </message>
    <message>
        <source>missing input &apos;{missing}&apos;</source>
        <translation>缺少输入 &apos;{missing}&apos;</translation>
    </message>
    <message>
        <source>the network takes {count} input(s) ({value}); got {count2}</source>
        <translation>网络接受 {count} 个输入（{value}）；实际给出 {count2} 个</translation>
    </message>
    <message>
        <source>the recipe must be an object</source>
        <translation>配方必须是一个对象</translation>
    </message>
    <message>
        <source>recipe version {version} is newer than this netbuilder reads ({recipe_version}); update netbuilder</source>
        <translation>配方版本 {version} 比此版本 netbuilder 能读取的（{recipe_version}）更新；请更新 netbuilder</translation>
    </message>
    <message>
        <source>recipe.inputs must be a non-empty list</source>
        <translation>recipe.inputs 必须是非空列表</translation>
    </message>
    <message>
        <source>{where}: an image input needs image options and shape [C, H, W]</source>
        <translation>{where}：图像输入需要图像选项和形状 [C, H, W]</translation>
    </message>
    <message>
        <source>{where}.image.size must be [height, width] from 1 to {max_image_side}; got {size}</source>
        <translation>{where}.image.size 必须是 [高, 宽]，取值 1 到 {max_image_side}；实际为 {size}</translation>
    </message>
    <message>
        <source>{where}.image.fit must be one of {image_fits}</source>
        <translation>{where}.image.fit 必须是 {image_fits} 之一</translation>
    </message>
    <message>
        <source>{where}.image.channels must be one of {image_channels}</source>
        <translation>{where}.image.channels 必须是 {image_channels} 之一</translation>
    </message>
    <message>
        <source>{where}.image.scale must be true or false</source>
        <translation>{where}.image.scale 必须是 true 或 false</translation>
    </message>
    <message>
        <source>{where}: shape {shape} does not match the image options</source>
        <translation>{where}：形状 {shape} 与图像选项不符</translation>
    </message>
    <message>
        <source>{where}: a text input needs its vocabulary (with &lt;pad&gt; and &lt;unk&gt;) and shape [max_length]</source>
        <translation>{where}：文本输入需要其词表（含 &lt;pad&gt; 和 &lt;unk&gt;）和形状 [max_length]</translation>
    </message>
    <message>
        <source>{where}: an id input reads one column; got {count}</source>
        <translation>{where}：ID 输入只读取一列；实际为 {count} 列</translation>
    </message>
    <message>
        <source>{where}.{key} must be {name}; got {value}</source>
        <translation>{where}.{key} 必须是 {name}；实际为 {value}</translation>
    </message>
    <message>
        <source>{where} must be a list of whole numbers</source>
        <translation>{where} 必须是整数列表</translation>
    </message>
    <message>
        <source>{where} must be a list of numbers</source>
        <translation>{where} 必须是数字列表</translation>
    </message>
    <message>
        <source>{where} must be a list of text</source>
        <translation>{where} 必须是文本列表</translation>
    </message>
    <message>
        <source>{where} must be an object of tokeniser settings</source>
        <translation>{where} 必须是分词设置的对象</translation>
    </message>
    <message>
        <source>{where}.{key} is not a tokeniser setting (settings: {known})</source>
        <translation>{where}.{key} 不是分词设置（可用设置：{known}）</translation>
    </message>
    <message>
        <source>{where}.level must be word or char; got {level}</source>
        <translation>{where}.level 必须是 word 或 char；实际为 {level}</translation>
    </message>
    <message>
        <source>{where}.lower must be true or false; got {lower}</source>
        <translation>{where}.lower 必须是 true 或 false；实际为 {lower}</translation>
    </message>
    <message>
        <source>{where}.{key} must be a whole number of at least {low}; got {value}</source>
        <translation>{where}.{key} 必须是不小于 {low} 的整数；实际为 {value}</translation>
    </message>
    <message>
        <source>{where}.{key} must be at most {high}; got {value}</source>
        <translation>{where}.{key} 不能大于 {high}；实际为 {value}</translation>
    </message>
</context>
<context>
    <name>Datasets</name>
    <message>
        <source>8x8 handwritten digits 0-9 as 64 pixel features (1,797 samples)</source>
        <translation>8x8 手写数字 0-9，展平为 64 个像素特征（1,797 个样本）</translation>
    </message>
    <message>
        <source>The same digits as 1x8x8 images, for convolutions</source>
        <translation>同样的数字，作为 1x8x8 图像，用于卷积网络</translation>
    </message>
    <message>
        <source>Three iris species from four flower measurements (150 samples)</source>
        <translation>根据四项花朵测量值区分三种鸢尾花（150 个样本）</translation>
    </message>
    <message>
        <source>Three wine cultivars from 13 chemical measurements (178 samples)</source>
        <translation>根据 13 项化学测量值区分三种葡萄酒品种（178 个样本）</translation>
    </message>
    <message>
        <source>Malignant or benign tumour from 30 cell features (569 samples)</source>
        <translation>根据 30 个细胞特征判断肿瘤为恶性或良性（569 个样本）</translation>
    </message>
    <message>
        <source>Disease progression after one year from 10 measurements (442 samples, regression)</source>
        <translation>根据 10 项测量值预测一年后的病情进展（442 个样本，回归）</translation>
    </message>
    <message>
        <source>Two interleaving half moons in 2-D</source>
        <translation>二维平面上两个交错的半月形</translation>
    </message>
    <message>
        <source>A small circle inside a large one in 2-D</source>
        <translation>二维平面上大圆里套着一个小圆</translation>
    </message>
    <message>
        <source>Interleaved spiral arms in 2-D, one class per arm</source>
        <translation>二维平面上交错的螺旋臂，每条臂一个类别</translation>
    </message>
    <message>
        <source>Four quadrants; the class is whether the signs differ</source>
        <translation>四个象限；类别取决于两个坐标的符号是否不同</translation>
    </message>
    <message>
        <source>Gaussian clusters, one class per cluster</source>
        <translation>高斯簇，每个簇一个类别</translation>
    </message>
    <message>
        <source>Regression: y = sin(x) plus noise on [-pi, pi]</source>
        <translation>回归：在 [-pi, pi] 上的 y = sin(x) 加噪声</translation>
    </message>
    <message>
        <source>Token sequences; the class is the most frequent of the first tokens (for Embedding + LSTM/GRU)</source>
        <translation>词元序列；类别是前几个词元中出现最多的那个（适用于 Embedding + LSTM/GRU）</translation>
    </message>
</context>
<context>
    <name>Doctor</name>
    <message>
        <source>the first backward pass already gives this layer an infinite or NaN gradient: something in the forward pass overflows (a log of 0, a huge input, an exploding activation)</source>
        <extracomment>Samples in the pass: the project&apos;s batch size, at most this many.</extracomment>
        <translation>第一次反向传播就给此层带来了无穷大或 NaN 梯度：前向传播中有数值溢出（对 0 取对数、输入过大、激活值爆炸）</translation>
    </message>
    <message>
        <source>standardise the inputs and check the layers feeding this one</source>
        <translation>对输入做标准化，并检查为此层提供输入的层</translation>
    </message>
    <message>
        <source>no gradient reaches this layer: it never learns (its output is cut off from the loss, or every unit before it is dead)</source>
        <translation>没有梯度到达此层：它永远学不到东西（其输出与损失断开，或它之前的单元全部死亡）</translation>
    </message>
    <message>
        <source>check that the layer&apos;s output reaches the loss through differentiable layers; a ReLU before it may be dead (negative bias)</source>
        <translation>检查此层的输出是否经由可微的层到达损失；它前面的 ReLU 可能已死亡（偏置为负）</translation>
    </message>
    <message>
        <source>Swap {node} for ReLU</source>
        <extracomment>The rules judge the last half of the rows of a run (its state, not its start). A layer whose gradient norm stays below this share of the largest layer&apos;s is vanishing: it learns a thousand times slower (the pre-run check uses the same line). A layer whose gradient norm ends more than this many times larger than at the start of the run is exploding (healthy runs stay within 10x; their gradients mostly shrink). A ReLU layer with more than this share of units that output zero for every sample of a batch has lost most of its units: a dead unit gets no gradient and never comes back. (Counted per batch, a unit silent on one batch may fire on another: the bundled residual MLP, which trains well, sits near 0.55 in one layer; a layer killed by its bias or the learning rate, near 1.) A sigmoid or tanh layer with more than this share of outputs within 0.01 of its limits is saturated: it passes back almost no gradient. Healthy runs update each layer&apos;s weights by about 1e-3 of their norm a step; more than 100x off that (below UPDATE_LOW or above UPDATE_HIGH) the layer barely learns or thrashes.</extracomment>
        <translation>将 {node} 换成 ReLU</translation>
    </message>
    <message>
        <source>swap the sigmoid/tanh activations ({nodes}) for ReLU, or insert BatchNorm after the early layers</source>
        <translation>将 sigmoid/tanh 激活函数（{nodes}）换成 ReLU，或在前几层之后插入 BatchNorm</translation>
    </message>
    <message>
        <source>insert BatchNorm after this layer, or use a residual connection around it</source>
        <translation>在此层之后插入 BatchNorm，或为它加一条残差连接</translation>
    </message>
    <message>
        <source>Insert BatchNorm after {node}</source>
        <translation>在 {node} 之后插入 BatchNorm</translation>
    </message>
    <message>
        <source>this layer&apos;s gradient is {share} of the largest layer&apos;s (below {ratio}): it will barely learn while the others do</source>
        <translation>此层的梯度只有最大层的 {share}（低于 {ratio}）：其他层在学习时它几乎学不到东西</translation>
    </message>
    <message>
        <source>Re-initialise {node}&apos;s weights</source>
        <translation>重新初始化 {node} 的权重</translation>
    </message>
    <message>
        <source>the first loss is {ratio}x what an untrained network should start near (above {factor}x): the outputs start large and confidently wrong, usually because the output layer&apos;s weights are scaled too large</source>
        <translation>第一个损失是未训练网络应有初始值的 {ratio} 倍（超过 {factor} 倍）：输出一开始就很大且错得很自信，通常是因为输出层的权重尺度过大</translation>
    </message>
    <message>
        <source>re-initialise {node} with smaller weights (the default initialisation), or standardise the inputs; the first epochs otherwise only undo the scale</source>
        <translation>用较小的权重重新初始化 {node}（默认初始化），或对输入做标准化；否则最初几个轮次只是在抵消这个尺度</translation>
    </message>
    <message>
        <source>the output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Set the learning rate to {lr}</source>
        <extracomment>The final loss on the batch must fall below this share of its first value. The bundled examples reach 0.001-0.05 of it in 200 steps; a tenth leaves room for dropout and noise. A rate more than this factor away from the range test&apos;s suggestion is called too high or too low: within it, the suggestion is no sharper than a half-decade grid search.
----------
The loss diverges when a window&apos;s mean rises above this many times the loss of the first steps (the loss at initialisation: for cross-entropy, worse than guessing), or when its last window&apos;s mean ends this many times above its lowest: noise between batches moves a window mean by far less. The loss where the run started: the median of its first this many steps. The training loss oscillates when at least OSCILLATE_SHARE of the epoch-to-epoch changes are rises of more than OSCILLATE_RISE of the first epoch&apos;s loss (a healthy run&apos;s epoch loss mostly falls; near zero it wanders by large shares of itself, not of where it started), over at least OSCILLATE_EPOCHS epochs. Overfitting: in each of the last OVERFIT_EPOCHS epochs (at least that many after its best) the validation loss was more than OVERFIT_RISE above its best, while the training loss kept falling. (A healthy run&apos;s validation loss wanders ~10-20% around its floor from epoch to epoch; three epochs in a row 20% above it is a trend.) Early stopping&apos;s patience offered as the overfitting remedy (epochs without a better validation loss before the run stops and keeps its best weights). Dropout&apos;s share offered as the overfitting remedy. A plateau: over the last PLATEAU_EPOCHS epochs the training loss fell by less than PLATEAU_FALL of itself while still above PLATEAU_SHARE of where the run started (a run that learned ends far below half its first loss; one at its floor is not stuck).</extracomment>
        <translation>将学习率设为 {lr}</translation>
    </message>
    <message>
        <source>training on one batch of {samples} samples for {steps} steps made the loss grow or overflow: the learning rate {lr} is too high for this network</source>
        <translation>在一个含 {samples} 个样本的批次上训练 {steps} 步后，损失增大或溢出：学习率 {lr} 对此网络过高</translation>
    </message>
    <message>
        <source>raise the learning rate; the range test suggests {lr}</source>
        <translation>提高学习率；范围测试建议 {lr}</translation>
    </message>
    <message>
        <source>check the learning rate; the range test suggests {lr}; else give the network more capacity, or look for a layer that blocks the gradient</source>
        <translation>检查学习率；范围测试建议 {lr}；否则增加网络容量，或查找阻断梯度的层</translation>
    </message>
    <message>
        <source>check the learning rate; else give the network more capacity, or look for a layer that blocks the gradient</source>
        <translation>检查学习率；否则增加网络容量，或查找阻断梯度的层</translation>
    </message>
    <message>
        <source>{steps} steps on one batch of {samples} samples left {share} of the first loss (a network that can learn gets below {fraction}): it will not fit the full data either</source>
        <translation>在一个含 {samples} 个样本的批次上训练 {steps} 步后，损失仍为初始损失的 {share}（能学习的网络会低于 {fraction}）：它也无法拟合全部数据</translation>
    </message>
    <message>
        <source>lower the learning rate</source>
        <translation>降低学习率</translation>
    </message>
    <message>
        <source>lower the learning rate; the range test suggests {lr}</source>
        <translation>降低学习率；范围测试建议 {lr}</translation>
    </message>
    <message>
        <source>the project has no dataset; bind one first</source>
        <translation>项目没有数据集；请先绑定一个</translation>
    </message>
    <message>
        <source>{layer} has no weights to re-initialise</source>
        <translation>{layer} 没有可重新初始化的权重</translation>
    </message>
    <message>
        <source>the loss or a gradient became infinite or NaN at step {step}</source>
        <translation>损失或梯度在第 {step} 步变为无穷大或 NaN</translation>
    </message>
    <message>
        <source>from step {step} on the training loss rose above {factor}x where it started ({start}), to a mean of {highest} over {steps} steps or more</source>
        <translation>从第 {step} 步起，训练损失升至初始值（{start}）的 {factor} 倍以上，在 {steps} 步或更多步内平均为 {highest}</translation>
    </message>
    <message>
        <source>from step {step} on the training loss rose to {last}, more than {factor}x its lowest ({lowest})</source>
        <translation>从第 {step} 步起，训练损失升至 {last}，超过其最低值（{lowest}）的 {factor} 倍</translation>
    </message>
    <message>
        <source>the epoch training loss rose from {first} to {highest}, more than {factor}x its first epoch&apos;s</source>
        <translation>每轮次的训练损失从 {first} 升至 {highest}，超过第一轮次的 {factor} 倍</translation>
    </message>
    <message>
        <source>{what}: the learning rate {lr} is too high for this network</source>
        <translation>{what}：学习率 {lr} 对此网络过高</translation>
    </message>
    <message>
        <source>lower the learning rate (a tenth), or set gradient clipping (grad_clip)</source>
        <translation>降低学习率（降为十分之一），或设置梯度裁剪（grad_clip）</translation>
    </message>
    <message>
        <source>the training loss rose by more than {rise} of its first epoch&apos;s ({first}) in {rises} of {epochs} epochs (a share of {share} or more): the steps overshoot, the learning rate is too high</source>
        <translation>在 {epochs} 个轮次中有 {rises} 个轮次（占比 {share} 或更多）训练损失上升超过第一轮次（{first}）的 {rise}：步子迈过头了，学习率过高</translation>
    </message>
    <message>
        <source>lower the learning rate (a third), or use a larger batch</source>
        <translation>降低学习率（降为三分之一），或使用更大的批次</translation>
    </message>
    <message>
        <source>Enable early stopping (patience {epochs} epochs)</source>
        <translation>启用早停（耐心 {epochs} 个轮次）</translation>
    </message>
    <message>
        <source>Add Dropout({p}) after {node}</source>
        <translation>在 {node} 之后添加 Dropout({p})</translation>
    </message>
    <message>
        <source>from epoch {epoch} on the validation loss rose from {best} to {last} (more than {rise} above its best in each of the last {epochs} epochs) while the training loss fell from {train_best} to {train_last}: the network memorises the training samples</source>
        <translation>从第 {epoch} 轮次起，验证损失从 {best} 升至 {last}（最近 {epochs} 个轮次中每轮都比最佳值高出 {rise} 以上），而训练损失从 {train_best} 降至 {train_last}：网络在死记训练样本</translation>
    </message>
    <message>
        <source>enable early stopping, add Dropout, use weight decay, a smaller network or more data</source>
        <translation>启用早停、添加 Dropout、使用权重衰减、更小的网络或更多数据</translation>
    </message>
    <message>
        <source>the training loss has stayed near {last} for the last {epochs} epochs (it fell less than {fall}) and is still above {share} of where it started ({start}): training is stuck</source>
        <translation>最近 {epochs} 个轮次训练损失一直停在 {last} 附近（下降不到 {fall}），仍高于初始值（{start}）的 {share}：训练停滞了</translation>
    </message>
    <message>
        <source>run `netbuilder doctor` for a learning-rate range test; the learning rate may be far too low or too high, or a layer blocks the gradient</source>
        <translation>运行 `netbuilder doctor` 做学习率范围测试；学习率可能过低或过高，或有某层阻断了梯度</translation>
    </message>
    <message>
        <source>since step {since} this layer&apos;s gradient has been {share} of the largest layer&apos;s (under {ratio}): it learns a thousand times slower than the rest</source>
        <translation>从第 {since} 步起，此层的梯度只有最大层的 {share}（低于 {ratio}）：它比其他层学得慢上千倍</translation>
    </message>
    <message>
        <source>swap the Sigmoid or Tanh layers after it for ReLU, insert BatchNorm, or add a skip connection around the layers in between</source>
        <translation>将它后面的 Sigmoid 或 Tanh 层换成 ReLU、插入 BatchNorm，或为中间的层加一条跳跃连接</translation>
    </message>
    <message>
        <source>this layer&apos;s gradient norm grew from {start} to {end} (more than {growth}x) from step {since} on: the updates grow until the loss overflows</source>
        <translation>从第 {since} 步起，此层的梯度范数从 {start} 增长到 {end}（超过 {growth} 倍）：更新越来越大，直到损失溢出</translation>
    </message>
    <message>
        <source>lower the learning rate, or set gradient clipping (grad_clip) to about 1</source>
        <translation>降低学习率，或将梯度裁剪（grad_clip）设为 1 左右</translation>
    </message>
    <message>
        <source>{share} of this layer&apos;s units output zero for every sample of a batch since step {since} (more than {limit}): a dead ReLU gets no gradient and never recovers</source>
        <translation>从第 {since} 步起，此层 {share} 的单元对一个批次的每个样本都输出零（超过 {limit}）：死亡的 ReLU 得不到梯度，再也无法恢复</translation>
    </message>
    <message>
        <source>lower the learning rate, swap ReLU for LeakyReLU, or check the bias of the layer before it</source>
        <translation>降低学习率、将 ReLU 换成 LeakyReLU，或检查它前一层的偏置</translation>
    </message>
    <message>
        <source>Swap ReLU for LeakyReLU</source>
        <translation>将 ReLU 换成 LeakyReLU</translation>
    </message>
    <message>
        <source>{share} of this layer&apos;s outputs sit at its limits since step {since} (more than {limit}): a saturated sigmoid or tanh passes back almost no gradient</source>
        <translation>从第 {since} 步起，此层 {share} 的输出停在取值极限（超过 {limit}）：饱和的 sigmoid 或 tanh 几乎传不回梯度</translation>
    </message>
    <message>
        <source>swap it for ReLU, insert BatchNorm before it, or lower the learning rate</source>
        <translation>将它换成 ReLU、在它之前插入 BatchNorm，或降低学习率</translation>
    </message>
    <message>
        <source>Swap it for ReLU</source>
        <translation>换成 ReLU</translation>
    </message>
    <message>
        <source>each step changes this layer&apos;s weights by {ratio} of their norm (healthy runs sit near 1e-3; this is outside {band}): the updates thrash the weights</source>
        <translation>每一步使此层权重改变其范数的 {ratio}（健康的训练约为 1e-3；此值超出 {band}）：更新在剧烈扰动权重</translation>
    </message>
    <message>
        <source>each step changes this layer&apos;s weights by {ratio} of their norm (healthy runs sit near 1e-3; this is outside {band}): the layer barely learns</source>
        <translation>每一步使此层权重改变其范数的 {ratio}（健康的训练约为 1e-3；此值超出 {band}）：此层几乎学不到东西</translation>
    </message>
    <message>
        <source>lower the learning rate (about 1e-3 / ratio times the current one)</source>
        <translation>降低学习率（约为当前值乘以 1e-3 / 比值）</translation>
    </message>
    <message>
        <source>raise the learning rate (about 1e-3 / ratio times the current one)</source>
        <translation>提高学习率（约为当前值乘以 1e-3 / 比值）</translation>
    </message>
    <message>
        <source>a remedy is a mapping, not {name}</source>
        <translation>修复方案应为映射，而不是 {name}</translation>
    </message>
    <message>
        <source>a remedy has no kind</source>
        <translation>修复方案没有 kind</translation>
    </message>
    <message>
        <source>remedy {kind}: {key} is not text</source>
        <translation>修复方案 {kind}：{key} 不是文本</translation>
    </message>
    <message>
        <source>remedy {kind}: value {value} is not a number or text</source>
        <translation>修复方案 {kind}：值 {value} 不是数字或文本</translation>
    </message>
    <message>
        <source>remedy &apos;set_setting&apos; names no setting</source>
        <translation>修复方案 &apos;set_setting&apos; 未指定设置项</translation>
    </message>
    <message>
        <source>remedy {kind}: params is not a mapping</source>
        <translation>修复方案 {kind}：params 不是映射</translation>
    </message>
    <message>
        <source>a finding is a mapping, not {name}</source>
        <translation>诊断结果应为映射，而不是 {name}</translation>
    </message>
    <message>
        <source>a finding has no rule</source>
        <translation>诊断结果没有 rule</translation>
    </message>
    <message>
        <source>finding {rule}: node {node} is not a layer name</source>
        <translation>诊断结果 {rule}：节点 {node} 不是层名</translation>
    </message>
    <message>
        <source>finding {rule}: seen is not a mapping</source>
        <translation>诊断结果 {rule}：seen 不是映射</translation>
    </message>
    <message>
        <source>finding {rule}: remedies is not a list</source>
        <translation>诊断结果 {rule}：remedies 不是列表</translation>
    </message>
    <message>
        <source>finding {rule}: {exc}</source>
        <translation>诊断结果 {rule}：{exc}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>unknown export format {fmt}; use one of {formats}</source>
        <translation>未知的导出格式 {fmt}；请使用 {formats} 之一</translation>
    </message>
    <message>
        <source>block {block}: its uses differ in what forward does (a shape or operation set per use); the Python export cannot write that as one class</source>
        <translation>模块 {block}：各处使用中 forward 的行为不同（每处使用设置了不同的形状或运算）；Python 导出无法把它写成一个类</translation>
    </message>
    <message>
        <source>block {block}: layer {nid} is built differently by its uses</source>
        <translation>模块 {block}：层 {nid} 在各处使用中的构建方式不同</translation>
    </message>
    <message>
        <source>class name {name} is not a valid Python identifier</source>
        <translation>类名 {name} 不是合法的 Python 标识符</translation>
    </message>
    <message>
        <source>class name {name} is longer than {max_class_name} characters</source>
        <translation>类名 {name} 超过 {max_class_name} 个字符</translation>
    </message>
    <message>
        <source>class name {name} would hide a name the exported code uses</source>
        <translation>类名 {name} 会遮蔽导出代码使用的名称</translation>
    </message>
    <message>
        <source>the graph cannot be compiled: node {node}: {reason}</source>
        <translation>无法编译此图：节点 {node}：{reason}</translation>
    </message>
    <message>
        <source>the graph cannot be compiled: {reason}</source>
        <translation>无法编译此图：{reason}</translation>
    </message>
    <message>
        <source>the project&apos;s trained weights cannot be used: {exc}</source>
        <translation>无法使用项目中训练好的权重：{exc}</translation>
    </message>
    <message>
        <source>cannot write {target}: the folder {parent} does not exist</source>
        <translation>无法写入 {target}：文件夹 {parent} 不存在</translation>
    </message>
    <message>
        <source>cannot write {target}: {parent} is a file, not a folder</source>
        <translation>无法写入 {target}：{parent} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>cannot write {target}: it is a folder</source>
        <translation>无法写入 {target}：它是一个文件夹</translation>
    </message>
    <message>
        <source>cannot write {target}: it is a file, but a folder is needed</source>
        <translation>无法写入 {target}：它是一个文件，但这里需要文件夹</translation>
    </message>
    <message>
        <source>cannot write {target}: the folder {parent} is not writable</source>
        <translation>无法写入 {target}：文件夹 {parent} 不可写</translation>
    </message>
    <message>
        <source>cannot write {target}: nothing was written</source>
        <translation>无法写入 {target}：没有写入任何内容</translation>
    </message>
    <message>
        <source>cannot write {target}: {value}</source>
        <translation>无法写入 {target}：{value}</translation>
    </message>
    <message>
        <source>cannot write {target}: the folder exists and holds other files ({foreign}); choose a new or empty folder</source>
        <translation>无法写入 {target}：该文件夹已存在且含有其他文件（{foreign}）；请选择新的或空的文件夹</translation>
    </message>
    <message>
        <source>ONNX export needs the onnx and onnxscript packages ({exc}); install them with: pip install onnx onnxscript</source>
        <translation>ONNX 导出需要 onnx 和 onnxscript 包（{exc}）；请用以下命令安装：pip install onnx onnxscript</translation>
    </message>
    <message>
        <source>{what} export failed at layer {node} ({kind}): {reason}</source>
        <translation>{what} 导出在层 {node}（{kind}）处失败：{reason}</translation>
    </message>
    <message>
        <source>{what} export failed: {reason}</source>
        <translation>{what} 导出失败：{reason}</translation>
    </message>
    <message>
        <source>layer {nid} ({types}, built as {name}) has no plain PyTorch equivalent the Python export knows how to write</source>
        <translation>层 {nid}（{types}，构建为 {name}）没有 Python 导出能写出的纯 PyTorch 等价物</translation>
    </message>
    <message>
        <source>a training script needs exactly one Output node; this graph has {count}</source>
        <translation>训练脚本需要恰好一个 Output 节点；此图有 {count} 个</translation>
    </message>
    <message>
        <source>the project cannot be trained as it is: {exc}</source>
        <translation>项目当前无法训练：{exc}</translation>
    </message>
</context>
<context>
    <name>Graph</name>
    <message>
        <source>Select the layers to make a block of</source>
        <extracomment>Room between a body&apos;s port nodes and its layers, and between repeated uses (canvas units).</extracomment>
        <translation>请选择要组成模块的层</translation>
    </message>
    <message>
        <source>A block named {block} already exists; choose another name</source>
        <translation>名为 {block} 的模块已存在；请换一个名称</translation>
    </message>
    <message>
        <source>{label} is the network&apos;s {layer}; a block holds layers between them</source>
        <translation>{label} 是网络的 {layer}；模块只能包含它们之间的层</translation>
    </message>
    <message>
        <source>{label} is a port of the block shown; a block holds layers between its ports</source>
        <translation>{label} 是当前模块的端口；模块只能包含其端口之间的层</translation>
    </message>
    <message>
        <source>{label} has an unknown type and cannot go in a block</source>
        <translation>{label} 的类型未知，不能放入模块</translation>
    </message>
    <message>
        <source>A block needs an input: nothing outside the selection feeds it</source>
        <translation>模块需要输入：选区外没有任何层为它提供输入</translation>
    </message>
    <message>
        <source>A path leaves the selection at {label} and comes back through {back}; select the layers between them too</source>
        <translation>有一条路径从 {label} 离开选区，又经 {back} 回到选区；请把它们之间的层也选上</translation>
    </message>
    <message>
        <source>A block has one output, and {names} both feed layers outside the selection; select fewer layers or include what they feed</source>
        <translation>模块只有一个输出，而 {names} 都为选区外的层提供输入；请少选一些层，或把它们输出到的层也选上</translation>
    </message>
    <message>
        <source>A block has one output; the selection ends in {names}</source>
        <translation>模块只有一个输出；选区的末端是 {names}</translation>
    </message>
    <message>
        <source>{label} is not a block</source>
        <translation>{label} 不是模块</translation>
    </message>
    <message>
        <source>{label} is not a block; Repeat chains copies of a block</source>
        <translation>{label} 不是模块；重复是把一个模块的多个副本串联起来</translation>
    </message>
    <message>
        <source>Repeat chains a block&apos;s output into its input; {block} takes {count} inputs</source>
        <translation>重复会把模块的输出接到它的输入；{block} 有 {count} 个输入</translation>
    </message>
    <message>
        <source>Repeat adds 1 to {most} copies, not {copies}</source>
        <translation>重复可添加 1 到 {most} 个副本，不能是 {copies}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 和 {second}</translation>
    </message>
    <message>
        <source>block name {block} {rule}</source>
        <translation>模块名称 {block} {rule}</translation>
    </message>
    <message>
        <source>argument name {arg} must be a Python name (not a keyword, not starting with _)</source>
        <translation>参数名 {arg} 必须是 Python 名称（不能是关键字，不能以 _ 开头）</translation>
    </message>
    <message>
        <source>argument {arg} sets no field</source>
        <translation>参数 {arg} 没有设置任何字段</translation>
    </message>
    <message>
        <source>block {block}: argument {arg} is given twice (or is &apos;block&apos;)</source>
        <translation>模块 {block}：参数 {arg} 出现了两次（或名为 &apos;block&apos;）</translation>
    </message>
    <message>
        <source>block {block}: argument {arg} sets {node}.{param}, and the block has no layer {node}</source>
        <translation>模块 {block}：参数 {arg} 设置 {node}.{param}，但模块中没有层 {node}</translation>
    </message>
    <message>
        <source>block {block}: argument {arg} sets {node}.{param}, and {layer} has no parameter {param}</source>
        <translation>模块 {block}：参数 {arg} 设置 {node}.{param}，但 {layer} 没有参数 {param}</translation>
    </message>
    <message>
        <source>block {block}: argument {arg} sets fields of different kinds</source>
        <translation>模块 {block}：参数 {arg} 设置了不同类型的字段</translation>
    </message>
    <message>
        <source>expected a list of block definitions</source>
        <translation>应为模块定义的列表</translation>
    </message>
    <message>
        <source>expected an object</source>
        <translation>应为对象</translation>
    </message>
    <message>
        <source>block {block}: {message}</source>
        <translation>模块 {block}：{message}</translation>
    </message>
    <message>
        <source>block {block} uses {names}, which is not defined (or uses itself)</source>
        <translation>模块 {block} 使用了 {names}，但它未定义（或使用了自身）</translation>
    </message>
    <message>
        <source>must start with a letter, hold only letters, digits and _ (64 at most), and not be a Python keyword or torch, nn, F (it becomes a class name in exported code)</source>
        <extracomment>What a block name must be, in the words of the messages that refuse one.</extracomment>
        <translation>必须以字母开头，只含字母、数字和 _（最多 64 个），且不能是 Python 关键字或 torch、nn、F（它会成为导出代码中的类名）</translation>
    </message>
    <message>
        <source>block {block} has no Block input; add one</source>
        <extracomment>Names an exported module already uses for something else (its imports).</extracomment>
        <translation>模块 {block} 没有模块输入；请添加一个</translation>
    </message>
    <message>
        <source>block {block}&apos;s inputs must be numbered 0 to {last} once each; they are {indexes}</source>
        <translation>模块 {block} 的输入编号必须是 0 到 {last}，每个一次；现在是 {indexes}</translation>
    </message>
    <message>
        <source>block {block} needs exactly one Block output, has {count}</source>
        <translation>模块 {block} 需要恰好一个模块输出，现有 {count} 个</translation>
    </message>
    <message>
        <source>argument {arg} sets {node}.{param}; there is no {node}</source>
        <translation>参数 {arg} 设置 {node}.{param}；但不存在 {node}</translation>
    </message>
    <message>
        <source>No block named {block} in this project</source>
        <translation>本项目中没有名为 {block} 的模块</translation>
    </message>
    <message>
        <source>Block name {block} {rule}</source>
        <translation>模块名称 {block} {rule}</translation>
    </message>
    <message>
        <source>A block named {block} already exists</source>
        <translation>名为 {block} 的模块已存在</translation>
    </message>
    <message>
        <source>at most {count} blocks per project</source>
        <translation>每个项目最多 {count} 个模块</translation>
    </message>
    <message>
        <source>Block {block} would contain itself</source>
        <translation>模块 {block} 会包含它自身</translation>
    </message>
    <message>
        <source>No node {node}</source>
        <translation>没有节点 {node}</translation>
    </message>
    <message>
        <source>The graph has a cycle</source>
        <translation>图中有环</translation>
    </message>
    <message>
        <source>Node id {node} must start with a letter, hold only letters, digits and _ (64 at most), and not be a Python keyword or a name the compiled network uses itself (forward, layers, block, ...)</source>
        <translation>节点 ID {node} 必须以字母开头，只含字母、数字和 _（最多 64 个），且不能是 Python 关键字或编译后网络自用的名称（forward、layers、block 等）</translation>
    </message>
    <message>
        <source>A node with id {node} already exists</source>
        <translation>ID 为 {node} 的节点已存在</translation>
    </message>
    <message>
        <source>A block cannot hold an {layer} layer: its data comes through Block input and Block output</source>
        <translation>模块不能包含 {layer} 层：它的数据经由模块输入和模块输出进出</translation>
    </message>
    <message>
        <source>{layer} belongs inside a block</source>
        <translation>{layer} 只能放在模块内部</translation>
    </message>
    <message>
        <source>Block {block} cannot contain a use of {used}: that is itself</source>
        <translation>模块 {block} 不能包含对 {used} 的使用：那就是它自身</translation>
    </message>
    <message>
        <source>Block {block} cannot contain a use of {used}: {used} contains {block}</source>
        <translation>模块 {block} 不能包含对 {used} 的使用：{used} 包含了 {block}</translation>
    </message>
    <message>
        <source>Unknown layer type {layer}</source>
        <translation>未知的层类型 {layer}</translation>
    </message>
    <message>
        <source>Input {port} of {node} is already fed</source>
        <translation>{node} 的输入 {port} 已有连线</translation>
    </message>
    <message>
        <source>Connecting {src} -&gt; {dst} would make a cycle</source>
        <translation>连接 {src} -&gt; {dst} 会形成环</translation>
    </message>
    <message>
        <source>{node} has unknown layer type {layer}; it cannot take inputs</source>
        <translation>{node} 的层类型 {layer} 未知；它不能接收输入</translation>
    </message>
    <message>
        <source>{label} ({layer}) takes no inputs</source>
        <translation>{label}（{layer}）不接收输入</translation>
    </message>
    <message>
        <source>Connecting {src} -&gt; {dst} would make a cycle: {dst} already feeds {src}</source>
        <translation>连接 {src} -&gt; {dst} 会形成环：{dst} 已经为 {src} 提供输入</translation>
    </message>
    <message>
        <source>{label} ({layer}) has no free input; disconnect one first</source>
        <translation>{label}（{layer}）没有空闲的输入；请先断开一条连线</translation>
    </message>
    <message>
        <source>{label} ({layer}) has 1 input; there is no input {port}</source>
        <translation>{label}（{layer}）只有 1 个输入；没有输入 {port}</translation>
    </message>
    <message>
        <source>{label} ({layer}) has {count} inputs; there is no input {port}</source>
        <translation>{label}（{layer}）有 {count} 个输入；没有输入 {port}</translation>
    </message>
    <message>
        <source>{src} is already connected to {dst}</source>
        <translation>{src} 已经连接到 {dst}</translation>
    </message>
    <message>
        <source>Input {port} of {label} is already fed by {src}; disconnect it first</source>
        <translation>{label} 的输入 {port} 已由 {src} 提供；请先断开它</translation>
    </message>
    <message>
        <source>No edge {src} -&gt; {dst}:{port}</source>
        <translation>没有连线 {src} -&gt; {dst}:{port}</translation>
    </message>
    <message>
        <source>{node} has unknown layer type {layer}; its parameters cannot change</source>
        <translation>{node} 的层类型 {layer} 未知；不能修改它的参数</translation>
    </message>
    <message>
        <source>{layer} has no parameter {name}</source>
        <translation>{layer} 没有参数 {name}</translation>
    </message>
    <message>
        <source>a parameter is out of range ({reason})</source>
        <translation>某个参数超出范围（{reason}）</translation>
    </message>
</context>
<context>
    <name>Memory</name>
    <message>
        <source>~{total} for batch {batch} (params {params})</source>
        <translation>约 {total}，批大小 {batch}（参数 {params}）</translation>
    </message>
</context>
<context>
    <name>ProjectFile</name>
    <message>
        <source>line {line}, column {column}</source>
        <translation>第 {line} 行，第 {column} 列</translation>
    </message>
    <message>
        <source>not a netbuilder project (the document is not a JSON object)</source>
        <translation>不是 netbuilder 项目（文档不是 JSON 对象）</translation>
    </message>
    <message>
        <source>not a netbuilder project: expected &quot;format&quot;: &quot;{name}&quot; (format is {got})</source>
        <translation>不是 netbuilder 项目：应为 &quot;format&quot;: &quot;{name}&quot;（实际 format 为 {got}）</translation>
    </message>
    <message>
        <source>not a netbuilder project: expected &quot;format&quot;: &quot;{name}&quot;</source>
        <translation>不是 netbuilder 项目：应为 &quot;format&quot;: &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>expected a version like &quot;1.0&quot;, got {got}</source>
        <translation>应为 &quot;1.0&quot; 这样的版本号，实际为 {got}</translation>
    </message>
    <message>
        <source>written by a newer netbuilder (file format {written}); netbuilder {version} reads format {major}.x and older. Update netbuilder to open it</source>
        <translation>由更新版本的 netbuilder 写入（文件格式 {written}）；netbuilder {version} 只能读取 {major}.x 及更早的格式。请更新 netbuilder 后再打开</translation>
    </message>
    <message>
        <source>written by a newer netbuilder (file format {written}; this one reads {current}); newer settings it holds are ignored</source>
        <translation>由更新版本的 netbuilder 写入（文件格式 {written}；本版本读取 {current}）；其中较新的设置已被忽略</translation>
    </message>
    <message>
        <source>file format {written} is not one this netbuilder can convert</source>
        <translation>此版本的 netbuilder 无法转换文件格式 {written}</translation>
    </message>
    <message>
        <source>converted from file format {written}; saving writes format {current}</source>
        <translation>已从文件格式 {written} 转换；保存时将写入格式 {current}</translation>
    </message>
    <message>
        <source>{message} (in the file as converted from format {written})</source>
        <translation>{message}（位于从格式 {written} 转换后的文件中）</translation>
    </message>
    <message>
        <source>{place}: unknown layer type {layer}; the node is kept but cannot be trained or exported until it is replaced</source>
        <translation>{place}：未知的层类型 {layer}；节点已保留，但在替换之前无法训练或导出</translation>
    </message>
    <message>
        <source>{key}.{name}: setting from a newer netbuilder ignored</source>
        <translation>{key}.{name}：来自更新版本 netbuilder 的设置，已忽略</translation>
    </message>
    <message>
        <source>a value is out of range ({reason})</source>
        <translation>某个值超出范围（{reason}）</translation>
    </message>
    <message>
        <source>not a .nbproj archive (a .nbproj file is a zip archive; this one is not)</source>
        <translation>不是 .nbproj 归档（.nbproj 文件是 zip 归档，而此文件不是）</translation>
    </message>
    <message>
        <source>{name}: unknown archive member ignored</source>
        <translation>{name}：未知的归档成员，已忽略</translation>
    </message>
    <message>
        <source>the archive holds no {member}; is this a netbuilder project?</source>
        <translation>归档中没有 {member}；这是 netbuilder 项目吗？</translation>
    </message>
    <message>
        <source>the checkpoint is incomplete and was ignored; training restarts</source>
        <translation>检查点不完整，已忽略；训练将重新开始</translation>
    </message>
    <message>
        <source>{member}: ignored ({reason})</source>
        <translation>{member}：已忽略（{reason}）</translation>
    </message>
    <message>
        <source>{name}: ignored (unexpected content)</source>
        <translation>{name}：已忽略（内容不符合预期）</translation>
    </message>
    <message>
        <source>cannot save as {suffix}: use {archive} (project, weights, history) or {json} (project only)</source>
        <translation>不能保存为 {suffix}：请使用 {archive}（项目、权重、历史）或 {json}（仅项目）</translation>
    </message>
    <message>
        <source>a file without a suffix</source>
        <translation>无后缀的文件</translation>
    </message>
    <message>
        <source>not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <source>the project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>a {json} project cannot hold {extras}; save as {archive} to keep them</source>
        <translation>{json} 项目不能保存 {extras}；请保存为 {archive} 以保留它们</translation>
    </message>
    <message>
        <source>the recipe</source>
        <translation>数据配方</translation>
    </message>
    <message>
        <source>the history</source>
        <translation>训练历史</translation>
    </message>
    <message>
        <source>the checkpoint metadata</source>
        <translation>检查点元数据</translation>
    </message>
    <message>
        <source>not saved: the project would be {size} MiB; project files are at most {most} MiB (export the network to keep bigger weights)</source>
        <translation>未保存：项目将有 {size} MiB；项目文件最大 {most} MiB（若要保留更大的权重，请导出网络）</translation>
    </message>
    <message>
        <source>not saved: {what} cannot be written as JSON ({reason})</source>
        <translation>未保存：{what} 无法写成 JSON（{reason}）</translation>
    </message>
    <message>
        <source>no such file</source>
        <extracomment>Errors the zipfile module raises on damaged archives (it is not strict about which).</extracomment>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>is a folder, not a project file</source>
        <translation>是文件夹，不是项目文件</translation>
    </message>
    <message>
        <source>is {kind}, not a project file</source>
        <translation>是{kind}，不是项目文件</translation>
    </message>
    <message>
        <source>the file is {size}; project files are at most {most}</source>
        <translation>文件大小为 {size}；项目文件最大 {most}</translation>
    </message>
    <message>
        <source>not a file</source>
        <extracomment>One block file; a 300-layer block with its inner blocks is well under 1 MiB. Files read from one folder; beyond this the rest are listed as one problem.</extracomment>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>the file is {size} MiB; block files are at most {most} MiB</source>
        <translation>文件大小为 {size} MiB；模块文件最大 {most} MiB</translation>
    </message>
    <message>
        <source>cannot read the file ({reason})</source>
        <translation>无法读取文件（{reason}）</translation>
    </message>
    <message>
        <source>not a netbuilder block file (the document is not a JSON object)</source>
        <translation>不是 netbuilder 模块文件（文档不是 JSON 对象）</translation>
    </message>
    <message>
        <source>not a netbuilder block file: expected &quot;format&quot;: &quot;{name}&quot; (format is {got})</source>
        <translation>不是 netbuilder 模块文件：应为 &quot;format&quot;: &quot;{name}&quot;（实际 format 为 {got}）</translation>
    </message>
    <message>
        <source>not a netbuilder block file: expected &quot;format&quot;: &quot;{name}&quot;</source>
        <translation>不是 netbuilder 模块文件：应为 &quot;format&quot;: &quot;{name}&quot;</translation>
    </message>
    <message>
        <source>expected a version like &quot;1.1&quot;, got {got}</source>
        <translation>应为 &quot;1.1&quot; 这样的版本号，实际为 {got}</translation>
    </message>
    <message>
        <source>written by a newer netbuilder (format {written}); this one reads {major}.x and older. Update netbuilder to use it</source>
        <translation>由更新版本的 netbuilder 写入（格式 {written}）；本版本只能读取 {major}.x 及更早的格式。请更新 netbuilder 后再使用</translation>
    </message>
    <message>
        <source>written by a newer netbuilder (format {written})</source>
        <translation>由更新版本的 netbuilder 写入（格式 {written}）</translation>
    </message>
    <message>
        <source>expected a block name (a letter, then letters, digits, _), got {got}</source>
        <translation>应为模块名称（字母开头，后接字母、数字、_），实际为 {got}</translation>
    </message>
    <message>
        <source>the file defines no block named {name}</source>
        <translation>文件中没有定义名为 {name} 的模块</translation>
    </message>
    <message>
        <source>block {block}: layer {node} has unknown type {layer}</source>
        <translation>模块 {block}：层 {node} 的类型 {layer} 未知</translation>
    </message>
    <message>
        <source>cannot make the block library folder {folder} ({reason})</source>
        <translation>无法创建模块库文件夹 {folder}（{reason}）</translation>
    </message>
    <message>
        <source>cannot remove the file ({reason})</source>
        <translation>无法删除文件（{reason}）</translation>
    </message>
    <message>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>非普通文件</translation>
    </message>
    <message>
        <source>the file holds more than {most}; a project document is at most {most}</source>
        <translation>文件超过 {most}；项目文档最大 {most}</translation>
    </message>
    <message>
        <source>holds a backslash</source>
        <translation>含有反斜杠</translation>
    </message>
    <message>
        <source>is an absolute path</source>
        <translation>是绝对路径</translation>
    </message>
    <message>
        <source>climbs out of the archive (..)</source>
        <translation>跳出了归档（..）</translation>
    </message>
    <message>
        <source>holds a NUL character</source>
        <translation>含有 NUL 字符</translation>
    </message>
    <message>
        <source>the archive has {count} members; at most {most} are expected</source>
        <translation>归档有 {count} 个成员；最多应为 {most} 个</translation>
    </message>
    <message>
        <source>not a readable .nbproj archive (damaged or truncated zip: {reason})</source>
        <translation>不是可读的 .nbproj 归档（zip 已损坏或被截断：{reason}）</translation>
    </message>
    <message>
        <source>refused: the member name {name} {why}</source>
        <translation>已拒绝：成员名 {name} {why}</translation>
    </message>
    <message>
        <source>refused: the member {name} appears more than once</source>
        <translation>已拒绝：成员 {name} 出现了不止一次</translation>
    </message>
    <message>
        <source>encrypted members are not supported</source>
        <translation>不支持加密的成员</translation>
    </message>
    <message>
        <source>refused: members overlap or claim more data than the file holds</source>
        <translation>已拒绝：成员相互重叠，或声明的数据多于文件实际所含</translation>
    </message>
    <message>
        <source>{member}: skipped ({problem}); saving the project will not keep it</source>
        <translation>{member}：已跳过（{problem}）；保存项目时不会保留它</translation>
    </message>
    <message>
        <source>damaged member ({reason})</source>
        <translation>成员已损坏（{reason}）</translation>
    </message>
    <message>
        <source>{member}: skipped (damaged member: {reason}); saving the project will not keep it</source>
        <translation>{member}：已跳过（成员已损坏：{reason}）；保存项目时不会保留它</translation>
    </message>
    <message>
        <source>{size}; the limit is {most}</source>
        <translation>{size}；上限为 {most}</translation>
    </message>
    <message>
        <source>{size} uncompressed; the limit is {most}</source>
        <translation>解压后为 {size}；上限为 {most}</translation>
    </message>
    <message>
        <source>refused: compressed more than {ratio}:1 ({packed} -&gt; {size}), like a zip bomb</source>
        <translation>已拒绝：压缩比超过 {ratio}:1（{packed} -&gt; {size}），像是 zip 炸弹</translation>
    </message>
    <message>
        <source>the members would hold {size} uncompressed; the limit is {most}</source>
        <translation>这些成员解压后共 {size}；上限为 {most}</translation>
    </message>
    <message>
        <source>the key {key} appears twice in one object</source>
        <translation>键 {key} 在同一个对象中出现了两次</translation>
    </message>
    <message>
        <source>{name} is not allowed here (only finite numbers)</source>
        <translation>此处不允许 {name}（只能是有限的数）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>the member is empty</source>
        <translation>成员为空</translation>
    </message>
    <message>
        <source>not UTF-8 text; is this a netbuilder project?</source>
        <translation>不是 UTF-8 文本；这是 netbuilder 项目吗？</translation>
    </message>
    <message>
        <source>not valid JSON: {reason}</source>
        <translation>不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>nested too deeply (more than {depth} levels)</source>
        <translation>嵌套过深（超过 {depth} 层）</translation>
    </message>
    <message>
        <source>not valid JSON: a number with thousands of digits (none is that long)</source>
        <translation>不是有效的 JSON：有一个长达数千位的数（不会有这么长的数）</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>expected text, got {value}</source>
        <translation>应为文本，实际为 {value}</translation>
    </message>
    <message>
        <source>expected an object, got {value}</source>
        <translation>应为对象，实际为 {value}</translation>
    </message>
    <message>
        <source>expected an object or null, got {value}</source>
        <translation>应为对象或 null，实际为 {value}</translation>
    </message>
    <message>
        <source>a number is far too large</source>
        <translation>某个数过大</translation>
    </message>
    <message>
        <source>missing: a project needs a graph (it may be empty)</source>
        <translation>缺失：项目需要一个图（可以为空）</translation>
    </message>
    <message>
        <source>expected a list, got {value}</source>
        <translation>应为列表，实际为 {value}</translation>
    </message>
    <message>
        <source>{count} entries; at most {most} are supported</source>
        <translation>{count} 项；最多支持 {most} 项</translation>
    </message>
    <message>
        <source>{count} blocks; at most {most} are supported</source>
        <translation>{count} 个模块；最多支持 {most} 个</translation>
    </message>
    <message>
        <source>expected a block name, got {value}</source>
        <translation>应为模块名称，实际为 {value}</translation>
    </message>
    <message>
        <source>missing: a block needs its layers</source>
        <translation>缺失：模块需要包含层</translation>
    </message>
    <message>
        <source>expected a name, got {value}</source>
        <translation>应为名称，实际为 {value}</translation>
    </message>
    <message>
        <source>expected a list of [layer id, parameter name] pairs</source>
        <translation>应为 [层 ID, 参数名] 对的列表</translation>
    </message>
    <message>
        <source>expected [layer id, parameter name], got {value}</source>
        <translation>应为 [层 ID, 参数名]，实际为 {value}</translation>
    </message>
    <message>
        <source>{key}: {message}</source>
        <translation>{key}：{message}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>expected [x, y], got {value}</source>
        <translation>应为 [x, y]，实际为 {value}</translation>
    </message>
    <message>
        <source>expected two numbers, got {value}</source>
        <translation>应为两个数，实际为 {value}</translation>
    </message>
    <message>
        <source>coordinate {value} is out of range (+-{most})</source>
        <translation>坐标 {value} 超出范围（+-{most}）</translation>
    </message>
    <message>
        <source>missing {key}</source>
        <translation>缺少 {key}</translation>
    </message>
    <message>
        <source>expected a node id, got {value}</source>
        <translation>应为节点 ID，实际为 {value}</translation>
    </message>
    <message>
        <source>expected an input number from 0 to {most}, got {value}</source>
        <translation>应为 0 到 {most} 的输入编号，实际为 {value}</translation>
    </message>
    <message>
        <source>{place}: unknown field ignored (written by another version?)</source>
        <translation>{place}：未知字段，已忽略（由其他版本写入？）</translation>
    </message>
    <message>
        <source>cannot write in {folder} ({reason})</source>
        <extracomment>A temp file whose pid is alive is still removed past this age (the pid was reused).</extracomment>
        <translation>无法写入 {folder}（{reason}）</translation>
    </message>
    <message>
        <source>cannot save ({reason})</source>
        <translation>无法保存（{reason}）</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>it has no metadata (where it came from, when)</source>
        <translation>它没有元数据（来源、时间）</translation>
    </message>
    <message>
        <source>its metadata cannot be read ({reason})</source>
        <translation>无法读取它的元数据（{reason}）</translation>
    </message>
    <message>
        <source>its metadata is too large</source>
        <translation>它的元数据过大</translation>
    </message>
    <message>
        <source>its metadata is not a JSON object</source>
        <translation>它的元数据不是 JSON 对象</translation>
    </message>
    <message>
        <source>its metadata has no time</source>
        <translation>它的元数据没有时间</translation>
    </message>
    <message>
        <source>its metadata has no process id</source>
        <translation>它的元数据没有进程 ID</translation>
    </message>
    <message>
        <source>not a path</source>
        <translation>不是路径</translation>
    </message>
</context>
<context>
    <name>Saliency</name>
    <message>
        <source>saliency explains a network with one image input; this one takes {count} ({names})</source>
        <extracomment>the methods of ``attribute`` (Grad-CAM, on a layer, is ``grad_cam``)</extracomment>
        <translation>显著性只能解释单个图像输入的网络；此网络有 {count} 个输入（{names}）</translation>
    </message>
    <message>
        <source>saliency explains a network with one image input; this one takes {count}</source>
        <translation>显著性只能解释单个图像输入的网络；此网络有 {count} 个输入</translation>
    </message>
    <message>
        <source>saliency is for image inputs ([channels, height, width] floats); this network&apos;s input is {dtype} of shape [{shape}]</source>
        <translation>显著性用于图像输入（[通道, 高, 宽] 浮点数）；此网络的输入为 {dtype}，形状为 [{shape}]</translation>
    </message>
    <message>
        <source>saliency explains a network with one output; this one has {count}</source>
        <translation>显著性只能解释单个输出的网络；此网络有 {count} 个输出</translation>
    </message>
    <message>
        <source>unknown attribution method {method}: one of {known} (Grad-CAM is grad_cam(), on a layer)</source>
        <translation>未知的归因方法 {method}：可选 {known}（Grad-CAM 是 grad_cam()，作用于某一层）</translation>
    </message>
    <message>
        <source>unknown attribution method {method}: one of {known}</source>
        <translation>未知的归因方法 {method}：可选 {known}</translation>
    </message>
    <message>
        <source>Grad-CAM needs a 2-D convolution; this network has none</source>
        <translation>Grad-CAM 需要二维卷积层；此网络没有</translation>
    </message>
    <message>
        <source>expected one image of shape [{value}], got [{value2}]</source>
        <translation>应为一张形状为 [{value}] 的图像，实际为 [{value2}]</translation>
    </message>
    <message>
        <source>class {target} does not exist: the network has {n} output(s)</source>
        <translation>类别 {target} 不存在：网络有 {n} 个输出</translation>
    </message>
    <message>
        <source>saliency explains a network with one output</source>
        <translation>显著性只能解释单个输出的网络</translation>
    </message>
    <message>
        <source>the network has no layer {layer} (the 2-D convolutions: {choices})</source>
        <translation>网络中没有层 {layer}（二维卷积层有：{choices}）</translation>
    </message>
    <message>
        <source>the network has no layer {layer}</source>
        <translation>网络中没有层 {layer}</translation>
    </message>
    <message>
        <source>{layer} is a {name} layer, not a 2-D convolution: Grad-CAM needs a convolution&apos;s feature maps (the 2-D convolutions: {choices})</source>
        <translation>{layer} 是 {name} 层，不是二维卷积层：Grad-CAM 需要卷积层的特征图（二维卷积层有：{choices}）</translation>
    </message>
    <message>
        <source>{layer} is a {name} layer, not a 2-D convolution: Grad-CAM needs a convolution&apos;s feature maps</source>
        <translation>{layer} 是 {name} 层，不是二维卷积层：Grad-CAM 需要卷积层的特征图</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>training.nesterov must be true or false</source>
        <translation>training.nesterov 必须是 true 或 false</translation>
    </message>
    <message>
        <source>training.nesterov needs the sgd optimizer with momentum &gt; 0</source>
        <translation>training.nesterov 需要 sgd 优化器且动量 &gt; 0</translation>
    </message>
    <message>
        <source>dataset.name is required for a built-in dataset</source>
        <translation>内置数据集需要 dataset.name</translation>
    </message>
    <message>
        <source>dataset.path is required for a npz file</source>
        <translation>npz 文件需要 dataset.path</translation>
    </message>
    <message>
        <source>a csv dataset needs either dataset.path (a CSV file) or dataset.name (a generated table such as &apos;reviews&apos;), not both</source>
        <translation>csv 数据集需要 dataset.path（CSV 文件）或 dataset.name（生成的表格，如 &apos;reviews&apos;）之一，不能两者都有</translation>
    </message>
    <message>
        <source>a csv dataset needs either dataset.path (a CSV file) or dataset.name (a generated table such as &apos;reviews&apos;), not neither</source>
        <translation>csv 数据集需要 dataset.path（CSV 文件）或 dataset.name（生成的表格，如 &apos;reviews&apos;）之一，不能两者都没有</translation>
    </message>
    <message>
        <source>dataset.inline needs both &apos;x&apos; and &apos;y&apos;</source>
        <translation>dataset.inline 需要同时有 &apos;x&apos; 和 &apos;y&apos;</translation>
    </message>
    <message>
        <source>dataset.val_fraction + dataset.test_fraction must leave data to train on</source>
        <translation>dataset.val_fraction + dataset.test_fraction 必须留出用于训练的数据</translation>
    </message>
    <message>
        <source>an image_folder dataset needs either dataset.path (a folder of class sub-folders, or a CSV of path,label) or dataset.name (a generated set such as &apos;shapes&apos;), not both</source>
        <translation>image_folder 数据集需要 dataset.path（按类别分子文件夹的文件夹，或 path,label 格式的 CSV）或 dataset.name（生成的数据集，如 &apos;shapes&apos;）之一，不能两者都有</translation>
    </message>
    <message>
        <source>an image_folder dataset needs either dataset.path (a folder of class sub-folders, or a CSV of path,label) or dataset.name (a generated set such as &apos;shapes&apos;), not neither</source>
        <translation>image_folder 数据集需要 dataset.path（按类别分子文件夹的文件夹，或 path,label 格式的 CSV）或 dataset.name（生成的数据集，如 &apos;shapes&apos;）之一，不能两者都没有</translation>
    </message>
    <message>
        <source>dataset.options must be an object</source>
        <translation>dataset.options 必须是对象</translation>
    </message>
    <message>
        <source>dataset.options.{key} is not an option of image_folder data (its options: {options})</source>
        <translation>dataset.options.{key} 不是 image_folder 数据的选项（可用选项：{options}）</translation>
    </message>
    <message>
        <source>dataset.options.size must be [height, width], whole numbers from 1 to {most}; got {size}</source>
        <translation>dataset.options.size 必须是 [高, 宽]，取 1 到 {most} 的整数；实际为 {size}</translation>
    </message>
    <message>
        <source>dataset.options.scale must be true or false, got {value}</source>
        <translation>dataset.options.scale 必须是 true 或 false，实际为 {value}</translation>
    </message>
    <message>
        <source>{where} must be an object such as {example}</source>
        <translation>{where} 必须是对象，例如 {example}</translation>
    </message>
    <message>
        <source>{where}.{key} is not an augmentation (known: {known})</source>
        <translation>{where}.{key} 不是数据增强选项（已知：{known}）</translation>
    </message>
    <message>
        <source>{where}.flip must be true or false, got {value}</source>
        <translation>{where}.flip 必须是 true 或 false，实际为 {value}</translation>
    </message>
    <message>
        <source>{where}.{key} must be a number from {low} to {high} degrees, got {value}</source>
        <translation>{where}.{key} 必须是 {low} 到 {high} 度之间的数，实际为 {value}</translation>
    </message>
    <message>
        <source>{where}.{key} must be a number from {low} to {high}, got {value}</source>
        <translation>{where}.{key} 必须是 {low} 到 {high} 之间的数，实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix} must be an object, got {kind}</source>
        <translation>{prefix} 必须是对象，实际为 {kind}</translation>
    </message>
    <message>
        <source>{prefix}.{key} is not a known setting</source>
        <translation>{prefix}.{key} 不是已知的设置</translation>
    </message>
    <message>
        <source>{prefix}.{key}: {value} is too large</source>
        <translation>{prefix}.{key}：{value} 过大</translation>
    </message>
    <message>
        <source>{prefix}.{key} must be {kind}, got {value}</source>
        <translation>{prefix}.{key} 必须是{kind}，实际为 {value}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>{name} must be one of {choices}; got {value}</source>
        <translation>{name} 必须是 {choices} 之一；实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix}.{name} must be a finite number, got {value}</source>
        <translation>{prefix}.{name} 必须是有限的数，实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix}.{name} must be greater than {low}, got {value}</source>
        <translation>{prefix}.{name} 必须大于 {low}，实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix}.{name} must be at least {low}, got {value}</source>
        <translation>{prefix}.{name} 至少为 {low}，实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix}.{name} must be at most {high}, got {value}</source>
        <translation>{prefix}.{name} 至多为 {high}，实际为 {value}</translation>
    </message>
    <message>
        <source>{prefix}.{name} must be a whole number, got {value}</source>
        <translation>{prefix}.{name} 必须是整数，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>Shapes</name>
    <message>
        <source>insert Embedding (token ids) or Reshape to [L, D] before it</source>
        <translation>在它之前插入 Embedding（词元 ID）或变形为 [L, D] 的 Reshape</translation>
    </message>
    <message>
        <source>insert Reshape or Flatten to make [L, D] before it</source>
        <translation>在它之前插入 Reshape 或 Flatten，得到 [L, D]</translation>
    </message>
    <message>
        <source>{layer} needs a sequence [N, L, D] but receives {shape}; {fix}</source>
        <translation>{layer} 需要序列 [N, L, D]，但收到 {shape}；{fix}</translation>
    </message>
    <message>
        <source>{layer}: embed_dim {d} (the input&apos;s last dimension) is not divisible by {heads_name} {heads}; use {heads_name} {fits}, or make D a multiple of {heads}</source>
        <translation>{layer}：embed_dim {d}（输入的最后一维）不能被 {heads_name} {heads} 整除；请将 {heads_name} 设为 {fits}，或让 D 成为 {heads} 的倍数</translation>
    </message>
    <message>
        <source>inside {block}: {message}</source>
        <translation>在 {block} 内：{message}</translation>
    </message>
    <message>
        <source>inside {block}: {node} ({layer}): {message}</source>
        <translation>在 {block} 内：{node}（{layer}）：{message}</translation>
    </message>
    <message>
        <source>{node}: {message}</source>
        <translation>{node}：{message}</translation>
    </message>
    <message>
        <source>reads {data}, but {dataset} has one input ({names}); clear its data to read it</source>
        <translation>读取 {data}，但 {dataset} 只有一个输入（{names}）；清空其 data 即可读取它</translation>
    </message>
    <message>
        <source>reads none of the dataset&apos;s inputs ({names}): set its data</source>
        <translation>没有读取数据集的任何输入（{names}）：请设置其 data</translation>
    </message>
    <message>
        <source>reads {data}, which is not one of the dataset&apos;s inputs ({names}): set its data to one of them</source>
        <translation>读取 {data}，但它不是数据集的输入之一（{names}）：请将其 data 设为其中之一</translation>
    </message>
    <message>
        <source>reads {data} like {node}; each dataset input feeds one Input node: connect that node&apos;s output instead, or set this one&apos;s data to another input</source>
        <translation>与 {node} 一样读取 {data}；每个数据集输入只供给一个 Input 节点：请改为连接那个节点的输出，或将此节点的 data 设为另一个输入</translation>
    </message>
    <message>
        <source>Embedding has {rows} rows (num_embeddings) but {source} gives indices up to {last} (vocabulary of {size}); set num_embeddings to {size}</source>
        <translation>Embedding 有 {rows} 行（num_embeddings），但 {source} 给出的索引最大为 {last}（词表大小 {size}）；请将 num_embeddings 设为 {size}</translation>
    </message>
    <message>
        <source>inside {block}: </source>
        <translation>在 {block} 内：</translation>
    </message>
    <message>
        <source>the largest output is still the predicted class</source>
        <translation>最大的输出仍是预测的类别</translation>
    </message>
    <message>
        <source>torch.sigmoid of the output gives the probability</source>
        <translation>对输出取 torch.sigmoid 即得概率</translation>
    </message>
    <message>
        <source>{inside}{squash} before {loss}: the loss applies {function} itself, so outputs are squashed twice and training slows or stalls; remove {node} ({after})</source>
        <translation>{inside}{loss} 之前有 {squash}：该损失自己会做 {function}，输出被压缩了两次，训练会变慢或停滞；请删除 {node}（{after}）</translation>
    </message>
    <message>
        <source>Output gives {shape}</source>
        <translation>Output 给出 {shape}</translation>
    </message>
    <message>
        <source>{gives} of {dtype} indices but {loss} needs float values</source>
        <translation>{gives}，为 {dtype} 索引，但 {loss} 需要浮点值</translation>
    </message>
    <message>
        <source>{loss} needs [N, classes]</source>
        <translation>{loss} 需要 [N, 类别数]</translation>
    </message>
    <message>
        <source>{loss} over {k} classes needs [N, {k}]</source>
        <translation>{k} 个类别的 {loss} 需要 [N, {k}]</translation>
    </message>
    <message>
        <source>{loss} needs [N] or [N, 1] (one logit each)</source>
        <translation>{loss} 需要 [N] 或 [N, 1]（每个样本一个 logit）</translation>
    </message>
    <message>
        <source>{loss} needs the target&apos;s shape {shape}</source>
        <translation>{loss} 需要与目标相同的形状 {shape}</translation>
    </message>
    <message>
        <source>{gives} but {needs}; set the last Linear&apos;s out_features to {width}</source>
        <translation>{gives}，但 {needs}；请将最后一个 Linear 的 out_features 设为 {width}</translation>
    </message>
    <message>
        <source>Set {node}.{param} to {value}</source>
        <translation>将 {node}.{param} 设为 {value}</translation>
    </message>
    <message>
        <source>{gives} but {needs}; insert a Linear with out_features {width} before the Output</source>
        <translation>{gives}，但 {needs}；请在 Output 之前插入 out_features 为 {width} 的 Linear</translation>
    </message>
    <message>
        <source>Insert Linear ({width} outputs) before {node}</source>
        <translation>在 {node} 之前插入 Linear（{width} 个输出）</translation>
    </message>
    <message>
        <source>{gives} but {needs}; insert Flatten and a Linear with out_features {width} before the Output</source>
        <translation>{gives}，但 {needs}；请在 Output 之前插入 Flatten 和 out_features 为 {width} 的 Linear</translation>
    </message>
    <message>
        <source>{gives} but {needs}; change the last layer to match</source>
        <translation>{gives}，但 {needs}；请修改最后一层使之匹配</translation>
    </message>
    <message>
        <source>The {loss} loss needs class labels, but the targets of {dataset} are numbers (regression); choose MSE, L1 or Huber as the loss in the Training settings</source>
        <translation>{loss} 损失需要类别标签，但 {dataset} 的目标是数值（回归）；请在训练设置中选择 MSE、L1 或 Huber 作为损失</translation>
    </message>
    <message>
        <source>The {loss} loss is for two classes, but {dataset} has {k}; choose cross-entropy as the loss, with {k} outputs</source>
        <translation>{loss} 损失用于二分类，但 {dataset} 有 {k} 个类别；请选择交叉熵作为损失，并设 {k} 个输出</translation>
    </message>
    <message>
        <source>The {loss} loss is for numeric targets, but {dataset} has {k} classes; choose cross-entropy as the loss</source>
        <translation>{loss} 损失用于数值目标，但 {dataset} 有 {k} 个类别；请选择交叉熵作为损失</translation>
    </message>
    <message>
        <source>Output gives {shape} but the loss needs {width} values a sample; set {node}&apos;s {arg} to {width}</source>
        <translation>Output 给出 {shape}，但损失需要每个样本 {width} 个值；请将 {node} 的 {arg} 设为 {width}</translation>
    </message>
    <message>
        <source>{layer} needs float values but receives {int} indices; insert Embedding before it to turn indices into vectors</source>
        <translation>{layer} 需要浮点值，但收到 {int} 索引；请在它之前插入 Embedding，把索引变成向量</translation>
    </message>
    <message>
        <source>{layer} needs {needs} but receives {shape}</source>
        <translation>{layer} 需要 {needs}，但收到 {shape}</translation>
    </message>
    <message>
        <source>{problem}; {fix}</source>
        <translation>{problem}；{fix}</translation>
    </message>
    <message>
        <source>insert Reshape to {shape} before it</source>
        <translation>请在它之前插入变形为 {shape} 的 Reshape</translation>
    </message>
    <message>
        <source>insert Flatten before it</source>
        <translation>请在它之前插入 Flatten</translation>
    </message>
    <message>
        <source>to {shape}</source>
        <translation>为 {shape}</translation>
    </message>
    <message>
        <source>{layer} kernel {k} with dilation {dilation} (spanning {span}) is larger than the padded input {size}; use a window of at most {fit}, or add padding</source>
        <translation>{layer} 的卷积核 {k}（膨胀 {dilation}，跨度 {span}）大于填充后的输入 {size}；请使用不超过 {fit} 的窗口，或增加填充</translation>
    </message>
    <message>
        <source>{layer} kernel {k} with dilation {dilation} (spanning {span}) is larger than the input {size}; use a window of at most {fit}, or add padding</source>
        <translation>{layer} 的卷积核 {k}（膨胀 {dilation}，跨度 {span}）大于输入 {size}；请使用不超过 {fit} 的窗口，或增加填充</translation>
    </message>
    <message>
        <source>{layer} kernel {k} is larger than the padded input {size}; use a window of at most {fit}, or add padding</source>
        <translation>{layer} 的卷积核 {k} 大于填充后的输入 {size}；请使用不超过 {fit} 的窗口，或增加填充</translation>
    </message>
    <message>
        <source>{layer} kernel {k} is larger than the input {size}; use a window of at most {fit}, or add padding</source>
        <translation>{layer} 的卷积核 {k} 大于输入 {size}；请使用不超过 {fit} 的窗口，或增加填充</translation>
    </message>
    <message>
        <source>{layer} groups {groups} must divide both the {channels} input channels and the {out} out_channels; choose groups that divides both</source>
        <translation>{layer} 的 groups {groups} 必须同时整除 {channels} 个输入通道和 {out} 个 out_channels；请选择能同时整除两者的 groups</translation>
    </message>
    <message>
        <source>ConvTranspose2d output_padding {padding} must be smaller than stride {stride}; set output_padding to {most} or raise stride</source>
        <translation>ConvTranspose2d 的 output_padding {padding} 必须小于步长 {stride}；请将 output_padding 设为 {most}，或增大步长</translation>
    </message>
    <message>
        <source>ConvTranspose2d padding {padding} is too large for the input {size}: the output would be empty; reduce padding</source>
        <translation>ConvTranspose2d 的填充 {padding} 对输入 {size} 过大：输出将为空；请减小填充</translation>
    </message>
    <message>
        <source>{layer} padding {padding} must be at most half of kernel_size {k}; set padding to {most} or less</source>
        <translation>{layer} 的填充 {padding} 最多为 kernel_size {k} 的一半；请将填充设为 {most} 或更小</translation>
    </message>
    <message>
        <source>Flatten needs at least [N, features] but receives {shape}</source>
        <translation>Flatten 至少需要 [N, features]，但收到 {shape}</translation>
    </message>
    <message>
        <source>Flatten start_dim {start} is out of range for {shape}; use start_dim {most} or less (1 flattens each sample)</source>
        <translation>Flatten 的 start_dim {start} 超出 {shape} 的范围；请使用 {most} 或更小的 start_dim（1 表示把每个样本展平）</translation>
    </message>
    <message>
        <source>Reshape to {target} needs a multiple of {known} values per sample but receives {shape} ({total} values); change the shape</source>
        <translation>变形为 {target} 需要每个样本的值数是 {known} 的倍数，但收到 {shape}（{total} 个值）；请修改形状</translation>
    </message>
    <message>
        <source>Reshape to {target} needs {known} values per sample but receives {shape} ({total} values); change the shape so its sizes multiply to {total}, or use -1 for one size</source>
        <translation>变形为 {target} 需要每个样本 {known} 个值，但收到 {shape}（{total} 个值）；请修改形状使各维之积为 {total}，或将其中一维设为 -1</translation>
    </message>
    <message>
        <source>Softmax dim {dim} is out of range for {shape}; use dim -1 (the last)</source>
        <translation>Softmax 的 dim {dim} 超出 {shape} 的范围；请使用 dim -1（最后一维）</translation>
    </message>
    <message>
        <source>Softmax dim {dim} is the batch dimension of {shape}, which mixes samples; use dim -1 (the last)</source>
        <translation>Softmax 的 dim {dim} 是 {shape} 的批次维，会把样本混在一起；请使用 dim -1（最后一维）</translation>
    </message>
    <message>
        <source>use BatchNorm2d for images</source>
        <translation>图像请使用 BatchNorm2d</translation>
    </message>
    <message>
        <source>[N, C] or [N, C, L]</source>
        <translation>[N, C] 或 [N, C, L]</translation>
    </message>
    <message>
        <source>use BatchNorm1d instead</source>
        <translation>请改用 BatchNorm1d</translation>
    </message>
    <message>
        <source>Embedding needs integer indices ({int}) but receives {dtype} values; feed it an Input whose dtype is {int}</source>
        <translation>Embedding 需要整数索引（{int}），但收到 {dtype} 值；请为它接入 dtype 为 {int} 的 Input</translation>
    </message>
    <message>
        <source>insert Reshape or Flatten to make [L, features] before it</source>
        <translation>请在它之前插入 Reshape 或 Flatten，得到 [L, features]</translation>
    </message>
    <message>
        <source>[N, L, features] (a sequence)</source>
        <translation>[N, L, features]（序列）</translation>
    </message>
    <message>
        <source>{shape} from {source}</source>
        <translation>来自 {source} 的 {shape}</translation>
    </message>
    <message>
        <source>{layer} needs inputs of the same shape: {inputs}</source>
        <translation>{layer} 需要形状相同的输入：{inputs}</translation>
    </message>
    <message>
        <source>Concat needs inputs with the same number of dimensions: {inputs}</source>
        <translation>Concat 需要维数相同的输入：{inputs}</translation>
    </message>
    <message>
        <source>Concat dim {dim} is out of range for {shape}; use dim {most} or less</source>
        <translation>Concat 的 dim {dim} 超出 {shape} 的范围；请使用 {most} 或更小的 dim</translation>
    </message>
    <message>
        <source>Concat needs inputs that match except along dim {dim}: {inputs}</source>
        <translation>Concat 需要除 dim {dim} 外都一致的输入：{inputs}</translation>
    </message>
    <message>
        <source>Concat needs inputs of one dtype; got {dtypes}</source>
        <translation>Concat 需要同一 dtype 的输入；实际为 {dtypes}</translation>
    </message>
    <message>
        <source>SequencePool needs the sequence [N, L, D] at input 0 but {source} gives {shape}; feed it an Embedding or an LSTM/GRU with output sequence</source>
        <translation>SequencePool 的输入 0 需要序列 [N, L, D]，但 {source} 给出 {shape}；请接入 Embedding 或 output 为 sequence 的 LSTM/GRU</translation>
    </message>
    <message>
        <source>SequencePool needs float vectors at input 0 but {source} gives int64 indices; insert an Embedding before it</source>
        <translation>SequencePool 的输入 0 需要浮点向量，但 {source} 给出 int64 索引；请在它之前插入 Embedding</translation>
    </message>
    <message>
        <source>SequencePool needs the token ids [N, L] (int64) at input 1 but {source} gives {shape} {dtype}; connect the text Input there</source>
        <translation>SequencePool 的输入 1 需要词元 ID [N, L]（int64），但 {source} 给出 {shape} {dtype}；请把文本 Input 接到这里</translation>
    </message>
    <message>
        <source>SequencePool: the sequence has {steps} steps but the token ids {ids}; connect the ids the sequence was made from</source>
        <translation>SequencePool：序列有 {steps} 步，但词元 ID 有 {ids} 个；请接入生成该序列的那些 ID</translation>
    </message>
    <message>
        <source>Transpose dims {dim0} and {dim1} are out of range for {shape}; use dims from 1 to {most}</source>
        <translation>Transpose 的维 {dim0} 和 {dim1} 超出 {shape} 的范围；请使用 1 到 {most} 之间的维</translation>
    </message>
    <message>
        <source>Transpose needs at least [N, A, B]; {source} gives {shape}</source>
        <translation>Transpose 至少需要 [N, A, B]；{source} 给出 {shape}</translation>
    </message>
    <message>
        <source>{layer} cannot take {shapes}: {reason}</source>
        <translation>{layer} 无法接收 {shapes}：{reason}</translation>
    </message>
    <message>
        <source>Unknown layer type {layer}: this version of netbuilder cannot build it; replace or remove it</source>
        <translation>未知的层类型 {layer}：此版本的 netbuilder 无法构建它；请替换或删除</translation>
    </message>
    <message>
        <source>No use of this block gives this input a shape yet: shapes inside are worked out from a placeholder, {shape}</source>
        <translation>还没有任何使用处为此模块输入提供形状：内部形状暂按占位形状 {shape} 推算</translation>
    </message>
    <message>
        <source>No dataset chosen yet: choose one in the Data tab, or set this Input&apos;s shape (now a placeholder, {shape})</source>
        <translation>尚未选择数据集：请在数据页选择一个，或设置此 Input 的形状（当前为占位形状 {shape}）</translation>
    </message>
    <message>
        <source>Insert {layer} {detail} before {node}</source>
        <translation>在 {node} 之前插入 {layer}（{detail}）</translation>
    </message>
    <message>
        <source>Insert {layer} before {node}</source>
        <translation>在 {node} 之前插入 {layer}</translation>
    </message>
    <message>
        <source>The graph has no Input node; add one</source>
        <translation>图中没有 Input 节点；请添加一个</translation>
    </message>
    <message>
        <source>The graph has no Output node; add one and connect the last layer to it</source>
        <translation>图中没有 Output 节点；请添加一个并把最后一层连到它</translation>
    </message>
    <message>
        <source>Unknown loss {loss}; use one of {names}</source>
        <translation>未知的损失 {loss}；请使用 {names} 之一</translation>
    </message>
    <message>
        <source>Training needs exactly one Output node; found {count}: {nodes}</source>
        <translation>训练需要恰好一个 Output 节点；找到 {count} 个：{nodes}</translation>
    </message>
    <message>
        <source>{dataset} gives the network one input, but {node} and this node are both Inputs; start every branch from one Input and remove this one</source>
        <translation>{dataset} 只为网络提供一个输入，但 {node} 和此节点都是 Input；请让所有分支都从同一个 Input 出发，并删除此节点</translation>
    </message>
    <message>
        <source>{layer} needs at least 2 inputs; it has {count}: connect another</source>
        <translation>{layer} 至少需要 2 个输入；现有 {count} 个：请再连接一个</translation>
    </message>
    <message>
        <source>{layer} needs at least 2 inputs; it has {count}: connect two</source>
        <translation>{layer} 至少需要 2 个输入；现有 {count} 个：请连接两个</translation>
    </message>
    <message>
        <source>{layer} has no input: connect one</source>
        <translation>{layer} 没有输入：请连接一个</translation>
    </message>
    <message>
        <source>{layer} needs {count} inputs; connect input {gap}</source>
        <translation>{layer} 需要 {count} 个输入；请连接输入 {gap}</translation>
    </message>
    <message>
        <source>Waiting for a use: with the block input&apos;s placeholder shape, {problem}</source>
        <translation>等待使用处：按模块输入的占位形状，{problem}</translation>
    </message>
    <message>
        <source>Waiting for a dataset: with the Input&apos;s placeholder shape, {problem}</source>
        <translation>等待数据集：按 Input 的占位形状，{problem}</translation>
    </message>
    <message>
        <source>from 1 to {most}</source>
        <translation>从 1 到 {most}</translation>
    </message>
    <message>
        <source>at least [N, A, B]</source>
        <translation>至少 [N, A, B]</translation>
    </message>
    <message>
        <source>it has nothing to reorder</source>
        <translation>没有可重排的维</translation>
    </message>
    <message>
        <source>Permute dims {dims} must name each dimension of {shape} once, {range} (the batch stays first); for example {example}</source>
        <translation>Permute 的 dims {dims} 必须把 {shape} 的每一维恰好列出一次，{range}（批次维始终在最前）；例如 {example}</translation>
    </message>
    <message>
        <source>at least [N, features]</source>
        <translation>至少 [N, features]</translation>
    </message>
    <message>
        <source>there is nothing to average</source>
        <translation>没有可求平均的维</translation>
    </message>
    <message>
        <source>Mean dims {dims} must be different dimensions of {shape}, {range} (the batch is never averaged)</source>
        <translation>Mean 的 dims {dims} 必须是 {shape} 中互不相同的维，{range}（从不对批次维求平均）</translation>
    </message>
    <message>
        <source>Pad padding {padding} has {count} numbers; it needs pairs (before, after), the last dimension&apos;s pair first</source>
        <translation>Pad 的填充 {padding} 有 {count} 个数；它需要成对的数（前，后），最后一维的一对在最前</translation>
    </message>
    <message>
        <source>Pad padding {padding} pads {pairs} dimensions but {shape} has {most} after the batch; give at most {most} pairs</source>
        <translation>Pad 的填充 {padding} 填充 {pairs} 个维，但 {shape} 在批次维之后只有 {most} 个维；最多给出 {most} 对</translation>
    </message>
    <message>
        <source>Pad value {value} cannot fill {int} indices; use a whole number such as 0</source>
        <translation>Pad 的填充值 {value} 不能用于 {int} 索引；请使用整数，如 0</translation>
    </message>
    <message>
        <source>use mode nearest for [N, C, L], or insert Reshape to [C, H, W] before it</source>
        <translation>对 [N, C, L] 请使用 nearest 模式，或在它之前插入变形为 [C, H, W] 的 Reshape</translation>
    </message>
    <message>
        <source>[N, C, L] or [N, C, H, W]</source>
        <translation>[N, C, L] 或 [N, C, H, W]</translation>
    </message>
    <message>
        <source>Upsample scale_factor {factor} shrinks {size} to nothing; use a scale_factor of at least {least}</source>
        <translation>Upsample 的 scale_factor {factor} 会把 {size} 缩成空；请使用至少 {least} 的 scale_factor</translation>
    </message>
    <message>
        <source>Multiply needs inputs with the same number of dimensions: {first} from {first_source} and {shape} from {source}; insert Reshape (e.g. to [C, 1, 1]) before the smaller one</source>
        <translation>Multiply 需要维数相同的输入：来自 {first_source} 的 {first} 与来自 {source} 的 {shape}；请在较小的那个之前插入 Reshape（例如变形为 [C, 1, 1]）</translation>
    </message>
    <message>
        <source>Multiply inputs {first} from {first_source} and {shape} from {source} do not broadcast: dim {dim} is {one} in one and {other} in the other (each dimension must be equal, or 1 in one of them)</source>
        <translation>Multiply 的输入（来自 {first_source} 的 {first} 与来自 {source} 的 {shape}）无法广播：第 {dim} 维一个是 {one}，另一个是 {other}（每一维必须相等，或其中一个为 1）</translation>
    </message>
    <message>
        <source>Chunk dim {dim} is out of range for {shape}; use a dim {range} (the batch is never cut)</source>
        <translation>Chunk 的 dim {dim} 超出 {shape} 的范围；请使用 {range} 的 dim（从不切分批次维）</translation>
    </message>
    <message>
        <source>Chunk needs at least [N, A] but receives {shape}; nothing to cut</source>
        <translation>Chunk 至少需要 [N, A]，但收到 {shape}；没有可切分的维</translation>
    </message>
    <message>
        <source>{count} pieces (index 0 to {last})</source>
        <translation>{count} 块（索引 0 到 {last}）</translation>
    </message>
    <message>
        <source>no pieces</source>
        <translation>0 块</translation>
    </message>
    <message>
        <source>Chunk index {index} is past the last piece: {chunks} chunks of dim {dim} (size {size}) of {shape} make {pieces}</source>
        <translation>Chunk 的索引 {index} 超过了最后一块：把 {shape} 的 dim {dim}（大小 {size}）切成 {chunks} 份只得到 {pieces}</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>weights.safetensors cannot be read: {exc}</source>
        <translation>无法读取 weights.safetensors：{exc}</translation>
    </message>
    <message>
        <source>{where} does not fit this network ({parts}); the graph changed since it was saved</source>
        <translation>{where} 与此网络不符（{parts}）；保存之后图已改动</translation>
    </message>
    <message>
        <source>{where}: {name} has shape {shape} but node {node} needs {shape2}; the graph changed since it was saved</source>
        <translation>{where}：{name} 的形状为 {shape}，但节点 {node} 需要 {shape2}；保存之后图已改动</translation>
    </message>
    <message>
        <source>the checkpoint was made with {key} {get}, this run has {have}; the data or training settings changed, so it cannot be resumed exactly</source>
        <translation>检查点记录的 {key} 为 {get}，本次训练为 {have}；数据或训练设置已改变，因此无法精确恢复</translation>
    </message>
    <message>
        <source>the checkpoint cannot be read: {exc}</source>
        <translation>无法读取检查点：{exc}</translation>
    </message>
    <message>
        <source>the checkpoint is damaged ({name}: {exc}); train from the start</source>
        <translation>检查点已损坏（{name}：{exc}）；请从头训练</translation>
    </message>
    <message>
        <source>the checkpoint does not record its training settings</source>
        <translation>检查点没有记录其训练设置</translation>
    </message>
    <message>
        <source>the checkpoint was made with training.{name} = {saved}, the project now has {getattr}; set it back to resume, or train from the start</source>
        <translation>检查点记录的 training.{name} = {saved}，项目现在为 {getattr}；请改回原值以恢复训练，或从头训练</translation>
    </message>
    <message>
        <source>cannot store a {name} in a checkpoint</source>
        <translation>无法在检查点中存储 {name}</translation>
    </message>
    <message>
        <source>this is not a netbuilder training checkpoint</source>
        <translation>这不是 netbuilder 的训练检查点</translation>
    </message>
    <message>
        <source>checkpoint version {get} is not supported</source>
        <translation>不支持检查点版本 {get}</translation>
    </message>
    <message>
        <source>the checkpoint has {epoch} epochs done, more than the {epochs} of this run; ask for more epochs to resume</source>
        <translation>检查点已完成 {epoch} 轮，超过本次训练的 {epochs} 轮；请增加轮次后再恢复</translation>
    </message>
    <message>
        <source>batch {batch} is past the last epoch</source>
        <translation>批次 {batch} 超出了最后一轮</translation>
    </message>
    <message>
        <source>the training settings are missing</source>
        <translation>缺少训练设置</translation>
    </message>
    <message>
        <source>{best} is not a number</source>
        <translation>{best} 不是数字</translation>
    </message>
    <message>
        <source>{get} is not true or false</source>
        <translation>{get} 不是 true 或 false</translation>
    </message>
    <message>
        <source>the optimizer state is missing</source>
        <translation>缺少优化器状态</translation>
    </message>
    <message>
        <source>{get} is not a scheduler state</source>
        <translation>{get} 不是学习率调度器状态</translation>
    </message>
    <message>
        <source>{tensors}: the best weights (best/0, ...) are missing</source>
        <translation>{tensors}：缺少最佳权重（best/0, ...）</translation>
    </message>
    <message>
        <source>{tensors}: data/perm is not an order of the {n_train} training samples (an index repeats or is out of range)</source>
        <translation>{tensors}：data/perm 不是 {n_train} 个训练样本的一个排列（有索引重复或越界）</translation>
    </message>
    <message>
        <source>{file}: {field}: {message}</source>
        <translation>{file}：{field}：{message}</translation>
    </message>
    <message>
        <source>{value} is not a valid {noun} (0 to {high})</source>
        <translation>{value} 不是有效的 {noun}（0 到 {high}）</translation>
    </message>
    <message>
        <source>{value} is not a valid {noun}</source>
        <translation>{value} 不是有效的 {noun}</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限的数字</translation>
    </message>
    <message>
        <source>{history} is not a list of epoch records</source>
        <translation>{history} 不是轮次记录的列表</translation>
    </message>
    <message>
        <source>{count} epoch records for {epoch} epochs done</source>
        <translation>已完成 {epoch} 轮，却有 {count} 条轮次记录</translation>
    </message>
    <message>
        <source>{record} is not an epoch record</source>
        <translation>{record} 不是轮次记录</translation>
    </message>
    <message>
        <source>the key {key} is missing</source>
        <translation>缺少键 {key}</translation>
    </message>
    <message>
        <source>{record} is not an epoch number</source>
        <translation>{record} 不是轮次编号</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>not an object of metrics</source>
        <translation>不是指标的对象</translation>
    </message>
    <message>
        <source>refers to tensor {name}, which the checkpoint lacks</source>
        <translation>引用了张量 {name}，但检查点中没有它</translation>
    </message>
    <message>
        <source>{tensors}: the random state {name} is missing or damaged</source>
        <translation>{tensors}：随机状态 {name} 缺失或已损坏</translation>
    </message>
    <message>
        <source>{tensors}: data/perm is {dtype} {shape}; the order of {n_train} training samples is I64 [{n_train}]</source>
        <translation>{tensors}：data/perm 为 {dtype} {shape}；{n_train} 个训练样本的顺序应为 I64 [{n_train}]</translation>
    </message>
    <message>
        <source>training needs {summary}, more than the {format_bytes} free on {type}; lower training.batch_size or make the network smaller</source>
        <translation>训练需要 {summary}，超过 {type} 上可用的 {format_bytes}；请调小 training.batch_size 或缩小网络</translation>
    </message>
    <message>
        <source>Training stopped: out of memory on {device} with batch size {batch_size} and {parameters} parameters ({size}). The weights of the last completed step were kept; lower training.batch_size or make the network smaller.</source>
        <translation>训练已停止：{device} 内存不足（批大小 {batch_size}，{parameters} 个参数，{size}）。已保留最后一个完成步的权重；请调小 training.batch_size 或缩小网络。</translation>
    </message>
    <message>
        <source>recipe.json: {exc}; train it again to save its recipe</source>
        <translation>recipe.json：{exc}；请重新训练以保存其配方</translation>
    </message>
    <message>
        <source>the project has no dataset and no saved recipe</source>
        <translation>项目既没有数据集，也没有保存的配方</translation>
    </message>
    <message>
        <source>the weights were saved without their recipe and the data cannot be read ({exc}); train it again to save its recipe</source>
        <translation>权重保存时没有配方，而且无法读取数据（{exc}）；请重新训练以保存其配方</translation>
    </message>
    <message>
        <source>the weights were saved without their recipe; train it again</source>
        <translation>权重保存时没有配方；请重新训练</translation>
    </message>
    <message>
        <source>{nid}: its data {wanted} is not one of the saved inputs ({names})</source>
        <translation>{nid}：其数据 {wanted} 不在保存的输入中（{names}）</translation>
    </message>
    <message>
        <source>the project has no trained weights; train it first</source>
        <translation>项目还没有训练好的权重；请先训练</translation>
    </message>
    <message>
        <source>the saved weights do not fit the network: {exc}</source>
        <translation>保存的权重与网络不符：{exc}</translation>
    </message>
    <message>
        <source>{member}: {message}</source>
        <translation>{member}：{message}</translation>
    </message>
    <message>
        <source>damaged: {count} bytes, shorter than the 8-byte header length</source>
        <translation>已损坏：只有 {count} 字节，短于 8 字节的头长度字段</translation>
    </message>
    <message>
        <source>damaged: the header declares {length} bytes but the member holds {value} after the length</source>
        <translation>已损坏：头声明了 {length} 字节，但长度字段之后成员只有 {value} 字节</translation>
    </message>
    <message>
        <source>damaged: the header is not valid JSON ({short})</source>
        <translation>已损坏：头不是有效的 JSON（{short}）</translation>
    </message>
    <message>
        <source>damaged: the header is not a JSON object</source>
        <translation>已损坏：头不是 JSON 对象</translation>
    </message>
    <message>
        <source>damaged: __metadata__ must map names to strings</source>
        <translation>已损坏：__metadata__ 必须把名称映射到字符串</translation>
    </message>
    <message>
        <source>damaged: tensors {other} and {name} overlap</source>
        <translation>已损坏：张量 {other} 与 {name} 重叠</translation>
    </message>
    <message>
        <source>damaged: data bytes {covered}-{begin} belong to no tensor</source>
        <translation>已损坏：数据字节 {covered}-{begin} 不属于任何张量</translation>
    </message>
    <message>
        <source>damaged: data bytes {covered}-{data_len} belong to no tensor</source>
        <translation>已损坏：数据字节 {covered}-{data_len} 不属于任何张量</translation>
    </message>
    <message>
        <source>damaged: {where} is not described by an object</source>
        <translation>已损坏：{where} 没有用对象描述</translation>
    </message>
    <message>
        <source>damaged: {where} has dtype {dtype}, not a known safetensors dtype</source>
        <translation>已损坏：{where} 的 dtype 为 {dtype}，不是已知的 safetensors dtype</translation>
    </message>
    <message>
        <source>damaged: {where} has shape {short}, not a list of sizes</source>
        <translation>已损坏：{where} 的形状为 {short}，不是尺寸列表</translation>
    </message>
    <message>
        <source>damaged: {where} has {count} dimensions; at most {max_dims} are read</source>
        <translation>已损坏：{where} 有 {count} 个维度；最多读取 {max_dims} 个</translation>
    </message>
    <message>
        <source>damaged: {where} has data_offsets {short}, not [begin, end]</source>
        <translation>已损坏：{where} 的 data_offsets 为 {short}，不是 [begin, end]</translation>
    </message>
    <message>
        <source>damaged: {where} lies at bytes {begin}-{end}, outside the {data_len} bytes of data</source>
        <translation>已损坏：{where} 位于字节 {begin}-{end}，超出了 {data_len} 字节的数据</translation>
    </message>
    <message>
        <source>damaged: {where} declares shape {short} {dtype} ({count} elements) but {value} bytes</source>
        <translation>已损坏：{where} 声明形状为 {short} {dtype}（{count} 个元素），但有 {value} 字节</translation>
    </message>
    <message>
        <source>the project has no dataset; bind one before training</source>
        <translation>项目没有数据集；训练前请绑定一个</translation>
    </message>
    <message>
        <source>the network does not fit the data: {messages}</source>
        <translation>网络与数据不符：{messages}</translation>
    </message>
    <message>
        <source>training.task is {task} but the dataset is a {data_task} dataset</source>
        <translation>training.task 为 {task}，但数据集是 {data_task} 数据集</translation>
    </message>
    <message>
        <source>training.loss {loss} needs class labels, but the dataset&apos;s targets are continuous (regression); use mse, l1 or huber</source>
        <translation>training.loss {loss} 需要类别标签，但数据集的目标是连续值（回归）；请使用 mse、l1 或 huber</translation>
    </message>
    <message>
        <source>training.loss bce_with_logits is for two classes, the dataset has {n_classes}; use cross_entropy</source>
        <translation>training.loss bce_with_logits 用于两个类别，而数据集有 {n_classes} 个；请使用 cross_entropy</translation>
    </message>
    <message>
        <source>training.loss {loss} is a regression loss, but the dataset has {n_classes} classes; use cross_entropy</source>
        <translation>training.loss {loss} 是回归损失，但数据集有 {n_classes} 个类别；请使用 cross_entropy</translation>
    </message>
    <message>
        <source>the training split is empty</source>
        <translation>训练集为空</translation>
    </message>
    <message>
        <source>training.batch_size {batch_size} is larger than the training split ({n_train} samples); lower it to at most {n_train}</source>
        <translation>training.batch_size {batch_size} 大于训练集（{n_train} 个样本）；请调小到不超过 {n_train}</translation>
    </message>
    <message>
        <source>the training split&apos;s target has only one class ({tolist}); a classifier needs at least two</source>
        <translation>训练集的目标只有一个类别（{tolist}）；分类器至少需要两个</translation>
    </message>
    <message>
        <source>training.early_stopping needs a validation split; set dataset.val_fraction above 0</source>
        <translation>training.early_stopping 需要验证集；请把 dataset.val_fraction 设为大于 0</translation>
    </message>
    <message>
        <source>training.device is cuda but no CUDA GPU is available</source>
        <translation>training.device 为 cuda，但没有可用的 CUDA GPU</translation>
    </message>
    <message>
        <source>training.device is mps but MPS is not available</source>
        <translation>training.device 为 mps，但 MPS 不可用</translation>
    </message>
    <message>
        <source>training.device {name} is not auto, cpu, cuda or mps</source>
        <translation>training.device {name} 不是 auto、cpu、cuda 或 mps</translation>
    </message>
    <message>
        <source>CPU: {threads} thread</source>
        <translation>CPU：{threads} 个线程</translation>
    </message>
    <message>
        <source>CPU: {threads} threads</source>
        <translation>CPU：{threads} 个线程</translation>
    </message>
    <message>
        <source>training.loss {loss} is not known</source>
        <translation>未知的 training.loss {loss}</translation>
    </message>
    <message>
        <source>training.loss {name} is not known</source>
        <translation>未知的 training.loss {name}</translation>
    </message>
    <message>
        <source>training.optimizer {name} is not known</source>
        <translation>未知的 training.optimizer {name}</translation>
    </message>
    <message>
        <source>training.schedule {name} is not known</source>
        <translation>未知的 training.schedule {name}</translation>
    </message>
    <message>
        <source>the gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>; the first layer affected was {node} ({detail})</source>
        <translation>；最先受影响的层是 {node}（{detail}）</translation>
    </message>
    <message>
        <source>; the first layer affected was {node}</source>
        <translation>；最先受影响的层是 {node}</translation>
    </message>
    <message>
        <source>Training stopped: {what} became non-finite (NaN or infinity) at step {step} (epoch {epoch}){where}. The last finite weights were kept; try a lower learning rate, gradient clipping, or check the data for NaN values.</source>
        <translation>训练已停止：第 {step} 步（第 {epoch} 轮）时{what}变为非有限值（NaN 或无穷大）{where}。已保留最后一组有限权重；请尝试降低学习率、使用梯度裁剪，或检查数据中是否有 NaN 值。</translation>
    </message>
    <message>
        <source>its output is non-finite on the training data</source>
        <translation>它在训练数据上的输出为非有限值</translation>
    </message>
    <message>
        <source>Trained {epoch} epochs ({step} steps).</source>
        <translation>已训练 {epoch} 轮（{step} 步）。</translation>
    </message>
    <message>
        <source>Stopped after {step} steps (epoch {next}).</source>
        <translation>在 {step} 步后停止（第 {next} 轮）。</translation>
    </message>
    <message>
        <source>Early stopping after epoch {epoch}: validation loss did not improve for {patience} epochs; best weights restored.</source>
        <translation>第 {epoch} 轮后早停：验证损失连续 {patience} 轮没有改善；已恢复最佳权重。</translation>
    </message>
    <message>
        <source>this run ended on a non-finite value and cannot be resumed</source>
        <translation>本次训练因出现非有限值而结束，无法恢复</translation>
    </message>
    <message>
        <source>predicting the training mean {value}</source>
        <translation>预测训练集均值 {value}</translation>
    </message>
    <message>
        <source>predicting the training mean</source>
        <translation>预测训练集均值</translation>
    </message>
    <message>
        <source>predicting the training majority class {label} ({name})</source>
        <translation>预测训练集中最多的类别 {label}（{name}）</translation>
    </message>
    <message>
        <source>predicting the training majority class {label}</source>
        <translation>预测训练集中最多的类别 {label}</translation>
    </message>
</context>
<context>
    <name>Writable</name>
    <message>
        <source>cannot create the folder {folder} ({reason})</source>
        <translation>无法创建文件夹 {folder}（{reason}）</translation>
    </message>
    <message>
        <source>cannot write to {path} ({reason})</source>
        <translation>无法写入 {path}（{reason}）</translation>
    </message>
</context>
</TS>
