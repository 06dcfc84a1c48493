<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>unknown (torch not loaded)</source>
        <translation>未知（尚未加载 torch）</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>not loaded ({error})</source>
        <translation>未加载（{error}）</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>About netbuilder</source>
        <translation>关于 netbuilder</translation>
    </message>
    <message>
        <source>Design and train neural networks by drawing them.</source>
        <translation>画出神经网络，即可设计并训练它。</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy these versions (for a bug report)</source>
        <translation>复制这些版本信息（用于错误报告）</translation>
    </message>
    <message>
        <source>Where training runs whose device is Auto (Help &gt; About for more)</source>
        <translation>设备设为“自动”的训练在此运行（详见 帮助 &gt; 关于）</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <source>&amp;About netbuilder</source>
        <translation>关于 netbuilder(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>netbuilder: unexpected error</source>
        <translation>netbuilder：意外错误</translation>
    </message>
    <message>
        <source>&lt;b&gt;Something went wrong.&lt;/b&gt;</source>
        <translation>&lt;b&gt;出错了。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>netbuilder keeps running. If the window misbehaves, save your work under a new name and restart. Copy the details into a bug report to help fix this.</source>
        <translation>netbuilder 仍在运行。如果窗口行为异常，请将工作另存为新文件名并重新启动。将详细信息复制到错误报告中，可以帮助修复此问题。</translation>
    </message>
    <message>
        <source>Log: {path}</source>
        <extracomment>Why no log file is written (errors go to stderr), or None while ``log_path`` is.</extracomment>
        <translation>日志：{path}</translation>
    </message>
    <message>
        <source>No log file could be written: {problem}. Errors go to stderr instead.</source>
        <translation>无法写入日志文件：{problem}。错误改为输出到标准错误（stderr）。</translation>
    </message>
    <message>
        <source>Copy Details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Versions, the traceback and the log&apos;s last lines</source>
        <translation>版本信息、回溯和日志的最后几行</translation>
    </message>
    <message>
        <source>Show Traceback</source>
        <translation>显示回溯</translation>
    </message>
    <message>
        <source>Open Log Folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>{count} more error since; see the log.</source>
        <translation>此后又出现 {count} 个错误，请查看日志。</translation>
    </message>
    <message>
        <source>{count} more errors since; see the log.</source>
        <translation>此后又出现 {count} 个错误，请查看日志。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Hide Traceback</source>
        <translation>隐藏回溯</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <source>Fix: {label}</source>
        <translation>修复：{label}</translation>
    </message>
    <message>
        <source>Training: {message}</source>
        <translation>训练：{message}</translation>
    </message>
    <message>
        <source>Output &lt;b&gt;{shape}&lt;/b&gt;</source>
        <translation>输出 &lt;b&gt;{shape}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{count} trainable parameters</source>
        <translation>{count} 个可训练参数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>dataset: {problem}</source>
        <translation>数据集：{problem}</translation>
    </message>
    <message>
        <source>(training)</source>
        <translation>（训练）</translation>
    </message>
    <message>
        <source>(doctor)</source>
        <translation>（网络诊断）</translation>
    </message>
    <message>
        <source>(project)</source>
        <translation>（项目）</translation>
    </message>
    <message>
        <source>Nothing to check yet: the canvas is empty.</source>
        <translation>暂无可检查的内容：画布是空的。</translation>
    </message>
    <message>
        <source>No problems: every layer&apos;s shape fits.</source>
        <translation>没有问题：每一层的形状都匹配。</translation>
    </message>
    <message>
        <source>No mistakes so far; not finished yet (see the notes).</source>
        <translation>目前没有错误；但尚未完成（见提示）。</translation>
    </message>
    <message>
        <source>{summary} {note}</source>
        <translation>{summary} {note}</translation>
    </message>
    <message>
        <source>Repair this automatically (undoable)</source>
        <translation>自动修复此问题（可撤销）</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>{count} error</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>{count} errors</source>
        <translation>{count} 个错误</translation>
    </message>
    <message>
        <source>{count} warning</source>
        <translation>{count} 个警告</translation>
    </message>
    <message>
        <source>{count} warnings</source>
        <translation>{count} 个警告</translation>
    </message>
    <message>
        <source>{count} from the training doctor</source>
        <translation>{count} 个来自训练诊断</translation>
    </message>
    <message>
        <source>{count} gradient warning from training</source>
        <translation>{count} 个来自训练的梯度警告</translation>
    </message>
    <message>
        <source>{count} gradient warnings from training</source>
        <translation>{count} 个来自训练的梯度警告</translation>
    </message>
    <message>
        <source>{count} note</source>
        <translation>{count} 条提示</translation>
    </message>
    <message>
        <source>{count} notes</source>
        <translation>{count} 条提示</translation>
    </message>
    <message>
        <source>{parts}. Click a row to show the layer.</source>
        <translation>{parts}。点击一行可显示对应的层。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Automatic (best available)</source>
        <translation>自动（最佳可用）</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Automatic (a quarter of the memory)</source>
        <translation>自动（内存的四分之一）</translation>
    </message>
    <message>
        <source>Record per-layer statistics (Inside the network)</source>
        <translation>记录每层统计信息（“网络内部”）</translation>
    </message>
    <message>
        <source>Empty: the default, {folder}</source>
        <translation>留空：使用默认文件夹 {folder}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Inside each project file</source>
        <translation>保存在各自的项目文件中</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Default &amp;device:</source>
        <translation>默认设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Image data in &amp;memory up to:</source>
        <translation>内存中图像数据上限(&amp;M)：</translation>
    </message>
    <message>
        <source>New projects train on this device and stream image data larger than this from disk; an open project keeps its own (the Training panel).</source>
        <translation>新项目在此设备上训练，超过此大小的图像数据从磁盘流式读取；已打开的项目保留自己的设置（见“训练”面板）。</translation>
    </message>
    <message>
        <source>&amp;Autosaves (recovery files):</source>
        <translation>自动保存（恢复文件）(&amp;A)：</translation>
    </message>
    <message>
        <source>Unsaved work is written here every 30 seconds, and offered back after a crash. Files already in a folder used before stay there and are still offered.</source>
        <translation>未保存的工作每 30 秒写入这里，程序崩溃后可以恢复。之前使用过的文件夹中的文件会留在原处，仍会提示恢复。</translation>
    </message>
    <message>
        <source>Training runs:</source>
        <translation>训练记录：</translation>
    </message>
    <message>
        <source>A run&apos;s weights, history and the checkpoint to resume from are kept in the project file itself (File &gt; Save), not in a folder of their own.</source>
        <translation>一次训练的权重、历史和用于继续训练的检查点都保存在项目文件本身中（文件 &gt; 保存），没有单独的文件夹。</translation>
    </message>
    <message>
        <source>Training &amp;statistics:</source>
        <translation>训练统计(&amp;S)：</translation>
    </message>
    <message>
        <source>Off: runs are a little faster; the Inside the network tab says so.</source>
        <translation>关闭：训练会稍快一些；“网络内部”标签页会注明。</translation>
    </message>
    <message>
        <source>Folder for recovery files</source>
        <translation>恢复文件所在的文件夹</translation>
    </message>
    <message>
        <source>The recovery folder must be a full path, not {folder}.</source>
        <translation>恢复文件夹必须是完整路径，而不是 {folder}。</translation>
    </message>
    <message>
        <source>The recovery folder cannot be used: {problem}.</source>
        <translation>无法使用该恢复文件夹：{problem}。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when netbuilder restarts.</source>
        <translation>语言将在 netbuilder 重新启动后更改。</translation>
    </message>
    <message>
        <source>Restart Now closes the window (asking to save unsaved changes) and opens it again on the same project.</source>
        <translation>“立即重启”会关闭窗口（询问是否保存未保存的更改），然后重新打开同一项目。</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>重新启动</translation>
    </message>
    <message>
        <source>netbuilder could not start again ({program}). Start it yourself: it will open in the new language.</source>
        <translation>netbuilder 无法重新启动（{program}）。请手动启动它：启动后将使用新的语言。</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Saving a recovery copy</source>
        <extracomment>The recovery folders used before the current one (a JSON list of paths). A recovery file was written (its path). Writing failed: one line for the status bar.</extracomment>
        <translation>正在保存恢复副本</translation>
    </message>
    <message>
        <source>Autosave failed: cannot create {folder} ({reason})</source>
        <translation>自动保存失败：无法创建 {folder}（{reason}）</translation>
    </message>
    <message>
        <source>Autosave failed: cannot lock {folder}</source>
        <translation>自动保存失败：无法锁定 {folder}</translation>
    </message>
    <message>
        <source>Autosave failed: {reason}</source>
        <translation>自动保存失败：{reason}</translation>
    </message>
    <message>
        <source>an unknown time</source>
        <translation>未知时间</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>恢复未保存的工作</translation>
    </message>
    <message>
        <source>netbuilder stopped before {title} was saved. Recover opens the unsaved version; Discard deletes it; Later keeps it for the next start.</source>
        <translation>netbuilder 在“{title}”保存之前停止了运行。“恢复”打开未保存的版本；“丢弃”删除它；“稍后”将其保留到下次启动。</translation>
    </message>
    <message>
        <source> {title} has been saved since: the recovered work opens as an untitled copy, so saving it cannot overwrite the newer file.</source>
        <translation>此后“{title}”又保存过：恢复的工作将作为未命名副本打开，保存时不会覆盖较新的文件。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Recover unsaved work from {time} ({title}, saved again since)?</source>
        <translation>恢复 {time} 未保存的工作吗？（{title}，此后又保存过）</translation>
    </message>
    <message>
        <source>Recover unsaved work from {time} ({title})?</source>
        <translation>恢复 {time} 未保存的工作吗？（{title}）</translation>
    </message>
    <message>
        <source>untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <source>Recovery file {name} set aside: {reason}</source>
        <translation>恢复文件 {name} 已被搁置：{reason}</translation>
    </message>
    <message>
        <source>Recovered unsaved work from {time}; {title} was saved since, so this is an untitled copy</source>
        <translation>已恢复 {time} 未保存的工作；“{title}”此后又保存过，因此这是一个未命名副本</translation>
    </message>
    <message>
        <source>Recovered unsaved work from {time}; Save writes to {path}</source>
        <translation>已恢复 {time} 未保存的工作；保存将写入 {path}</translation>
    </message>
    <message>
        <source>Recovered unsaved work from {time}</source>
        <translation>已恢复 {time} 未保存的工作</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>no dataset yet</source>
        <translation>尚无数据集</translation>
    </message>
    <message>
        <source>waits for a dataset</source>
        <translation>等待数据集</translation>
    </message>
    <message>
        <source>not connected yet</source>
        <translation>尚未连接</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{name}…</source>
        <translation>{name}…</translation>
    </message>
    <message>
        <source>{name}… (+{count} more)</source>
        <translation>{name}…（另有 {count} 个）</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
</TS>
