<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BlockGradients</name>
    <message>
        <source>{heading} inside {block} (worst first):</source>
        <translation>{block} 内部的{heading}（最差的在前）：</translation>
    </message>
    <message>
        <source>  ... and {n} more</source>
        <translation>  ……另有 {n} 个</translation>
    </message>
</context>
<context>
    <name>DoctorCheck</name>
    <message>
        <source>The doctor is already checking the network.</source>
        <translation>网络诊断已在检查网络。</translation>
    </message>
    <message>
        <source>The network changed since the doctor&apos;s check: check again to see its findings.</source>
        <translation>网络在诊断检查后已改动：请重新检查以查看诊断结果。</translation>
    </message>
    <message>
        <source>Cannot check the network: {reason}</source>
        <extracomment>A new report (``DoctorReport``), or None when it was dropped (stale, another project). Why the check could not start or failed (for the status bar and the Issues list). The weights the next run starts from (the window&apos;s: the saved ones when &quot;Continue training&quot; is on), None for a fresh initialisation. The check examines those.</extracomment>
        <translation>无法检查网络：{reason}</translation>
    </message>
    <message>
        <source>Checking the network (training doctor)</source>
        <translation>正在检查网络（网络诊断）</translation>
    </message>
    <message>
        <source>The doctor could not check the network: {error}</source>
        <translation>网络诊断无法检查网络：{error}</translation>
    </message>
    <message>
        <source>Swap {n} layers for {layer_type}</source>
        <translation>将 {n} 个层替换为 {layer_type}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Doctor: {fix}</source>
        <translation>诊断：{fix}</translation>
    </message>
</context>
<context>
    <name>DoctorUi</name>
    <message>
        <source>Vanishing gradient</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <source>No gradient reaches this layer</source>
        <translation>没有梯度到达此层</translation>
    </message>
    <message>
        <source>Gradient is not finite</source>
        <translation>梯度不是有限值</translation>
    </message>
    <message>
        <source>Loss at initialisation far too high</source>
        <translation>初始化时的损失过高</translation>
    </message>
    <message>
        <source>Cannot learn one small batch</source>
        <translation>无法学会一个小批次</translation>
    </message>
    <message>
        <source>Loss grows on one small batch</source>
        <translation>在一个小批次上损失增大</translation>
    </message>
    <message>
        <source>Loss diverges</source>
        <translation>损失发散</translation>
    </message>
    <message>
        <source>Loss oscillates</source>
        <translation>损失振荡</translation>
    </message>
    <message>
        <source>Loss is stuck</source>
        <translation>损失停滞</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <source>Exploding gradient</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <source>Dead units</source>
        <translation>死亡单元</translation>
    </message>
    <message>
        <source>Saturated activations</source>
        <translation>激活饱和</translation>
    </message>
    <message>
        <source>Updates too large</source>
        <translation>更新过大</translation>
    </message>
    <message>
        <source>Updates too small</source>
        <translation>更新过小</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>largest layer&apos;s</source>
        <translation>最大层的</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <source>first loss</source>
        <translation>首个损失</translation>
    </message>
    <message>
        <source>last loss</source>
        <translation>最后损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>since step</source>
        <translation>起始步</translation>
    </message>
    <message>
        <source>share of the largest layer&apos;s</source>
        <translation>占最大层的比例</translation>
    </message>
    <message>
        <source>highest loss</source>
        <translation>最高损失</translation>
    </message>
    <message>
        <source>dead share</source>
        <translation>死亡占比</translation>
    </message>
    <message>
        <source>saturated share</source>
        <translation>饱和占比</translation>
    </message>
    <message>
        <source>update ratio</source>
        <translation>更新比</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮次数</translation>
    </message>
    <message>
        <source>rises</source>
        <translation>上升次数</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>from epoch</source>
        <translation>起始轮次</translation>
    </message>
    <message>
        <source>best validation loss</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <source>last validation loss</source>
        <translation>最后验证损失</translation>
    </message>
    <message>
        <source>training loss at the best</source>
        <translation>最佳时的训练损失</translation>
    </message>
    <message>
        <source>last training loss</source>
        <translation>最后训练损失</translation>
    </message>
    <message>
        <source>The doctor found nothing: the loss at initialisation, the gradients, one small batch and the learning rate look fine.</source>
        <translation>网络诊断未发现问题：初始化时的损失、梯度、一个小批次和学习率看起来都正常。</translation>
    </message>
    <message>
        <source>Doctor: </source>
        <translation>诊断：</translation>
    </message>
    <message>
        <source>Doctor, last run: </source>
        <translation>诊断（上次训练）：</translation>
    </message>
    <message>
        <source>Doctor, this run so far: </source>
        <translation>诊断（本次训练至今）：</translation>
    </message>
    <message>
        <source>The network changed since the last run: its findings are no longer shown.</source>
        <translation>网络在上次训练后已改动：不再显示其诊断结果。</translation>
    </message>
    <message>
        <source>{n} finding stored for the last run could not be read and is not shown ({why}).</source>
        <extracomment>Said when stored findings of an opened project&apos;s last run could not be read back.</extracomment>
        <translation>上次训练保存的 {n} 条诊断结果无法读取，未显示（{why}）。</translation>
    </message>
    <message>
        <source>{n} findings stored for the last run could not be read and are not shown ({why}).</source>
        <translation>上次训练保存的 {n} 条诊断结果无法读取，未显示（{why}）。</translation>
    </message>
    <message>
        <source> (in the saved weights the next run continues from)</source>
        <extracomment>Said on the Seen line when the check examined the saved weights (Continue training is on).</extracomment>
        <translation>（在下次训练将继续使用的已保存权重中）</translation>
    </message>
    <message>
        <source>{title} in {layer}</source>
        <translation>{title}（位于 {layer}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{what} {value}</source>
        <translation>{what} {value}</translation>
    </message>
    <message>
        <source>{prefix}{title}
Seen{note}: {seen}
Means: {means}
Try: {advice}</source>
        <translation>{prefix}{title}
观察到{note}：{seen}
含义：{means}
建议：{advice}</translation>
    </message>
    <message>
        <source>Fix: {fix}</source>
        <translation>修复：{fix}</translation>
    </message>
    <message>
        <source>Check the &amp;Network</source>
        <translation>检查网络(&amp;N)</translation>
    </message>
    <message>
        <source>Run the training doctor: loss at initialisation, gradients, one small batch, and a learning-rate range test (seconds, on a copy of the network)</source>
        <translation>运行网络诊断：初始化时的损失、梯度、一个小批次，以及学习率范围测试（几秒钟，在网络的副本上进行）</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Checking the network…</source>
        <translation>正在检查网络…</translation>
    </message>
    <message>
        <source>The doctor found 1 problem: see the Issues list.</source>
        <translation>网络诊断发现 1 个问题：请查看问题列表。</translation>
    </message>
    <message>
        <source>The doctor found {n} problems: see the Issues list.</source>
        <translation>网络诊断发现 {n} 个问题：请查看问题列表。</translation>
    </message>
    <message>
        <source>{prefix}{text}</source>
        <translation>{prefix}{text}</translation>
    </message>
</context>
<context>
    <name>EvaluationPlots</name>
    <message>
        <source>Predicted vs true</source>
        <translation>预测值与真实值</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测值</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>Decision boundary (training data)</source>
        <translation>决策边界（训练数据）</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Train the network to see how it does on the test split.</source>
        <translation>训练网络后可查看它在测试集上的表现。</translation>
    </message>
    <message>
        <source>The dataset has no test or validation split.</source>
        <translation>数据集没有测试集或验证集划分。</translation>
    </message>
    <message>
        <source>Trained weights loaded: &lt;b&gt;Evaluate now&lt;/b&gt; to see how they do on the test split.</source>
        <translation>已载入训练好的权重：点击&lt;b&gt;立即评估&lt;/b&gt;查看它们在测试集上的表现。</translation>
    </message>
    <message>
        <source>Evaluate now</source>
        <translation>立即评估</translation>
    </message>
    <message>
        <source>Evaluate the trained weights on the test split</source>
        <translation>在测试集上评估训练好的权重</translation>
    </message>
    <message>
        <source>Confusion matrix (rows: true class, columns: predicted)</source>
        <translation>混淆矩阵（行：真实类别，列：预测类别）</translation>
    </message>
    <message>
        <source>Evaluating on the validation split</source>
        <translation>正在验证集上评估</translation>
    </message>
    <message>
        <source>Evaluating on the test split</source>
        <translation>正在测试集上评估</translation>
    </message>
    <message>
        <source>Evaluating on the {split} split</source>
        <translation>正在 {split} 划分上评估</translation>
    </message>
    <message>
        <source>Preparing the saved weights and evaluating them</source>
        <translation>正在准备已保存的权重并评估</translation>
    </message>
    <message>
        <source>&lt;b&gt;Evaluation failed&lt;/b&gt;: {error}</source>
        <translation>&lt;b&gt;评估失败&lt;/b&gt;：{error}</translation>
    </message>
    <message>
        <source>The evaluation failed: no samples to show.</source>
        <translation>评估失败：没有可显示的样本。</translation>
    </message>
    <message>
        <source>No test split: nothing to evaluate.</source>
        <translation>没有测试集：无可评估内容。</translation>
    </message>
    <message>
        <source>true {true}, predicted {predicted}: {count} ({share})</source>
        <translation>真实 {true}，预测 {predicted}：{count}（{share}）</translation>
    </message>
    <message>
        <source>test {metric} {value}</source>
        <translation>测试{metric} {value}</translation>
    </message>
    <message>
        <source>validation {metric} {value}</source>
        <translation>验证{metric} {value}</translation>
    </message>
    <message>
        <source>test loss {value}</source>
        <translation>测试损失 {value}</translation>
    </message>
    <message>
        <source>validation loss {value}</source>
        <translation>验证损失 {value}</translation>
    </message>
    <message>
        <source>{steps} steps at {rate}/s</source>
        <translation>{steps} 步，每秒 {rate} 步</translation>
    </message>
    <message>
        <source> (baseline: {value}, {how})</source>
        <extracomment>The model&apos;s figure that the baseline is shown beside (one per task, not every metric).</extracomment>
        <translation>（基线：{value}，{how}）</translation>
    </message>
</context>
<context>
    <name>GradientOverlay</name>
    <message>
        <source>Gradient norms</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>gradient is {value} (NaN or infinity): training cannot continue; lower the learning rate, clip gradients, or check the data for NaN values</source>
        <translation>梯度为 {value}（NaN 或无穷大）：训练无法继续；请降低学习率、裁剪梯度，或检查数据中是否有 NaN 值</translation>
    </message>
    <message>
        <source>vanishing gradient: {value} is over 1000x below the median ({median}); this layer barely learns (try ReLU instead of sigmoid/tanh, normalisation, residual connections or a better initialisation)</source>
        <translation>梯度消失：{value} 比中位数（{median}）低 1000 倍以上；此层几乎学不到东西（可尝试用 ReLU 代替 sigmoid/tanh、归一化、残差连接或更好的初始化）</translation>
    </message>
    <message>
        <source>exploding gradient: {value} is over 1000x above the median ({median}); lower the learning rate or enable gradient clipping</source>
        <translation>梯度爆炸：{value} 比中位数（{median}）高 1000 倍以上；请降低学习率或启用梯度裁剪</translation>
    </message>
    <message>
        <source>Canvas &amp;Tint</source>
        <translation>画布着色(&amp;T)</translation>
    </message>
    <message>
        <source>↓ grad</source>
        <translation>↓ 梯度</translation>
    </message>
    <message>
        <source>↑ grad</source>
        <translation>↑ 梯度</translation>
    </message>
    <message>
        <source>Units in trouble</source>
        <translation>异常单元</translation>
    </message>
    <message>
        <source>Update ratios</source>
        <translation>更新比</translation>
    </message>
    <message>
        <source>Tint the canvas&apos;s layers by their gradient norm</source>
        <translation>按梯度范数为画布上的层着色</translation>
    </message>
    <message>
        <source>Tint the canvas&apos;s layers by their activations</source>
        <translation>按激活情况为画布上的层着色</translation>
    </message>
    <message>
        <source>Tint the canvas&apos;s layers by their update ratio</source>
        <translation>按更新比为画布上的层着色</translation>
    </message>
</context>
<context>
    <name>InsidePlots</name>
    <message>
        <source>Train the network to see inside it: each layer&apos;s update-to-weight ratio, weight norm, outputs (mean, std, dead or saturated units) and histograms of its weights, gradients and outputs over time, sampled while it trains.</source>
        <translation>训练网络后可查看网络内部：每层的更新与权重之比、权重范数、输出（均值、标准差、死亡或饱和单元），以及其权重、梯度和输出随时间变化的直方图，均在训练期间采样。</translation>
    </message>
    <message>
        <source>Training: the first samples from inside the network come with the first steps.</source>
        <translation>训练中：来自网络内部的首批采样将随最初几步到来。</translation>
    </message>
    <message>
        <source>Per-layer statistics are off (Edit &gt; Preferences &gt; Training statistics): this run records none.</source>
        <translation>逐层统计已关闭（编辑 &gt; 首选项 &gt; 训练统计）：本次训练不做记录。</translation>
    </message>
    <message>
        <source>Samples from inside the network are not saved with a project: train the network to see inside it (its update-to-weight ratios, weight norms, outputs and histograms over time).</source>
        <translation>网络内部的采样不随项目保存：训练网络后可查看网络内部（更新与权重之比、权重范数、输出以及随时间变化的直方图）。</translation>
    </message>
    <message>
        <source>Hover over a plot to read its values.</source>
        <translation>将鼠标悬停在图上可读取数值。</translation>
    </message>
    <message>
        <source>Solid: share of a ReLU&apos;s units that output 0 for the whole batch (dead).
Dashed: share of a sigmoid&apos;s or tanh&apos;s outputs within 1% of its limits (saturated).</source>
        <translation>实线：ReLU 中对整个批次都输出 0 的单元占比（死亡）。
虚线：sigmoid 或 tanh 输出距其极限不到 1% 的占比（饱和）。</translation>
    </message>
    <message>
        <source>step, sampled every {n}</source>
        <translation>步（每 {n} 步采样）</translation>
    </message>
    <message>
        <source>{layer} dead {value}</source>
        <translation>{layer} 死亡 {value}</translation>
    </message>
    <message>
        <source>{layer} saturated {value}</source>
        <translation>{layer} 饱和 {value}</translation>
    </message>
    <message>
        <source>{layer} {value}</source>
        <translation>{layer} {value}</translation>
    </message>
    <message>
        <source>step {step}: {values}</source>
        <translation>第 {step} 步：{values}</translation>
    </message>
</context>
<context>
    <name>LayerHistograms</name>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活值</translation>
    </message>
    <message>
        <source>What the histograms count</source>
        <translation>直方图统计的内容</translation>
    </message>
    <message>
        <source>The layer shown; it follows the selection on the canvas</source>
        <translation>显示的层；跟随画布上的选择</translation>
    </message>
    <message>
        <source>Histograms of</source>
        <translation>直方图：</translation>
    </message>
    <message>
        <source>in</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>One column per sample: how many of the layer&apos;s values fall in each value bin,
brighter = more (log scale). Every sample is spread onto the largest range so far.</source>
        <translation>每次采样一列：该层有多少数值落在每个数值区间，
越亮越多（对数刻度）。每次采样都展开到迄今最大的范围。</translation>
    </message>
    <message>
        <source>{layer} has no gradients: choose Activations</source>
        <translation>{layer} 没有梯度：请选择激活值</translation>
    </message>
    <message>
        <source>{layer} has no weights: choose Activations</source>
        <translation>{layer} 没有权重：请选择激活值</translation>
    </message>
    <message>
        <source>Weights of {layer}, ±{range}</source>
        <translation>{layer} 的权重，±{range}</translation>
    </message>
    <message>
        <source>Gradients of {layer}, ±{range}</source>
        <translation>{layer} 的梯度，±{range}</translation>
    </message>
    <message>
        <source>Activations of {layer}, ±{range}</source>
        <translation>{layer} 的激活值，±{range}</translation>
    </message>
    <message>
        <source>step {step}: weights in [{low}, {high}): {count} of {total} counted</source>
        <translation>第 {step} 步：权重在 [{low}, {high}) 内：{count} / 共 {total}</translation>
    </message>
    <message>
        <source>step {step}: gradients in [{low}, {high}): {count} of {total} counted</source>
        <translation>第 {step} 步：梯度在 [{low}, {high}) 内：{count} / 共 {total}</translation>
    </message>
    <message>
        <source>step {step}: activations in [{low}, {high}): {count} of {total} counted</source>
        <translation>第 {step} 步：激活值在 [{low}, {high}) 内：{count} / 共 {total}</translation>
    </message>
</context>
<context>
    <name>LrRangeView</name>
    <message>
        <source>Check the network (Training ▸ Check the Network, or the button beside Start) to run a learning-rate range test: the loss while the rate rises from 1e-7 to 10.</source>
        <translation>检查网络（训练 ▸ 检查网络，或“开始”旁的按钮）即可运行学习率范围测试：学习率从 1e-7 升到 10 时的损失。</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议值</translation>
    </message>
    <message>
        <source>Use this rate</source>
        <translation>使用此学习率</translation>
    </message>
    <message>
        <source>Set the training learning rate to the suggestion (undoable)</source>
        <translation>将训练的学习率设为建议值（可撤销）</translation>
    </message>
    <message>
        <source>The range test stopped at once.</source>
        <translation>范围测试立即停止了。</translation>
    </message>
    <message>
        <source>The loss never fell clearly as the rate rose: no rate to suggest. See the Issues list for what the doctor found.</source>
        <translation>随着学习率升高，损失始终没有明显下降：无可建议的学习率。诊断结果见问题列表。</translation>
    </message>
    <message>
        <source>The loss never fell clearly as the rate rose: no rate to suggest (now {current}). See the Issues list for what the doctor found.</source>
        <translation>随着学习率升高，损失始终没有明显下降：无可建议的学习率（当前 {current}）。诊断结果见问题列表。</translation>
    </message>
    <message>
        <source>Use this rate ({rate})</source>
        <translation>使用此学习率（{rate}）</translation>
    </message>
    <message>
        <source>Suggested learning rate: {rate}, a tenth of the rate at the lowest loss, where the loss still falls fast.</source>
        <translation>建议学习率：{rate}，即损失最低处学习率的十分之一，此时损失仍在快速下降。</translation>
    </message>
    <message>
        <source>Suggested learning rate: {rate} (now {current}), a tenth of the rate at the lowest loss, where the loss still falls fast.</source>
        <translation>建议学习率：{rate}（当前 {current}），即损失最低处学习率的十分之一，此时损失仍在快速下降。</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>Histograms over time</source>
        <translation>随时间变化的直方图</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Update / weight (≈1e-3 healthy)</source>
        <translation>更新 / 权重（≈1e-3 为健康）</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比值</translation>
    </message>
    <message>
        <source>Weight norm</source>
        <translation>权重范数</translation>
    </message>
    <message>
        <source>Output mean</source>
        <translation>输出均值</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Output std</source>
        <translation>输出标准差</translation>
    </message>
    <message>
        <source>std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Dead ─ / saturated ┄ units</source>
        <translation>死亡 ─ / 饱和 ┄ 单元</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>Learning-rate range test</source>
        <translation>学习率范围测试</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Validation metric</source>
        <translation>验证指标</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>每层梯度范数</translation>
    </message>
    <message>
        <source>‖grad‖</source>
        <translation>‖梯度‖</translation>
    </message>
    <message>
        <source>Gradients over time (log10)</source>
        <translation>梯度随时间变化（log10）</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>completed</source>
        <extracomment>What a run&apos;s summary status reads as (the engine&apos;s &quot;completed&quot;, &quot;early_stopped&quot;...).</extracomment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>early stopped</source>
        <translation>已早停</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>non finite</source>
        <translation>出现非有限值</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>test evaluation</source>
        <translation>测试集评估</translation>
    </message>
    <message>
        <source>validation evaluation</source>
        <translation>验证集评估</translation>
    </message>
</context>
<context>
    <name>SaliencyView</name>
    <message>
        <source>Integrated gradients</source>
        <extracomment>(method key, what the user reads); the engine&apos;s keys, Grad-CAM last</extracomment>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Choose a test sample to see which of its pixels drove the prediction.</source>
        <translation>选择一个测试样本，查看是哪些像素决定了预测。</translation>
    </message>
    <message>
        <source>Integrated gradients: exact shares of the score, from a blank (zero) image
Gradient × input: one gradient, fast and noisier
Grad-CAM: where a convolution layer&apos;s features drove the score (coarse)</source>
        <translation>积分梯度：从空白（全零）图像出发，精确分配得分
梯度 × 输入：一次梯度，快但噪声较大
Grad-CAM：卷积层的特征在哪里推动了得分（较粗略）</translation>
    </message>
    <message>
        <source>The convolution whose feature maps Grad-CAM reads</source>
        <translation>Grad-CAM 读取其特征图的卷积层</translation>
    </message>
    <message>
        <source>The class whose score is explained</source>
        <translation>要解释其得分的类别</translation>
    </message>
    <message>
        <source>Opacity of the heat over the input</source>
        <translation>热力图叠加在输入上的不透明度</translation>
    </message>
    <message>
        <source>Computing the saliency</source>
        <translation>正在计算显著性</translation>
    </message>
    <message>
        <source>Saliency failed: {error}</source>
        <translation>显著性计算失败：{error}</translation>
    </message>
    <message>
        <source>{name}: {share} (predicted)</source>
        <translation>{name}：{share}（预测）</translation>
    </message>
    <message>
        <source>{name}: {share}</source>
        <translation>{name}：{share}</translation>
    </message>
    <message>
        <source>{red} to {yellow}: where {layer}&apos;s features raised the probability of &apos;{name}&apos; (strongest to weaker).</source>
        <translation>{red}到{yellow}：{layer} 的特征提高“{name}”概率的位置（由强到弱）。</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>黄</translation>
    </message>
    <message>
        <source>{red}: pixels that raised the probability of &apos;{name}&apos;; {blue}: pixels that lowered it.</source>
        <translation>{red}：提高“{name}”概率的像素；{blue}：降低该概率的像素。</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>蓝</translation>
    </message>
    <message>
        <source>Predicted not &apos;{name}&apos; ({share} for it).</source>
        <translation>预测不是“{name}”（其概率 {share}）。</translation>
    </message>
    <message>
        <source>Predicted &apos;{name}&apos; ({share}).</source>
        <translation>预测为“{name}”（{share}）。</translation>
    </message>
    <message>
        <source>Grad-CAM needs a 2-D convolution layer</source>
        <translation>Grad-CAM 需要一个二维卷积层</translation>
    </message>
</context>
<context>
    <name>SampleSaliency</name>
    <message>
        <source>positive</source>
        <translation>正类</translation>
    </message>
</context>
<context>
    <name>SamplesBrowser</name>
    <message>
        <source>Evaluate the trained network (train it, or press Evaluate now) to browse the test samples it gets most wrong and is least sure of.</source>
        <translation>评估训练好的网络（训练它，或点击“立即评估”）即可浏览它错得最多、最不确定的测试样本。</translation>
    </message>
    <message>
        <source>Finding the test samples the network gets most wrong…</source>
        <translation>正在查找网络错得最多的测试样本…</translation>
    </message>
    <message>
        <source>Most wrong</source>
        <translation>错得最多</translation>
    </message>
    <message>
        <source>Least sure</source>
        <translation>最不确定</translation>
    </message>
    <message>
        <source>Largest error</source>
        <translation>误差最大</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>lowest P(true) first</source>
        <translation>P(真实) 最低的在前</translation>
    </message>
    <message>
        <source>smallest gap between the top two classes first</source>
        <translation>前两个类别概率差最小的在前</translation>
    </message>
    <message>
        <source>largest absolute error first</source>
        <translation>绝对误差最大的在前</translation>
    </message>
    <message>
        <source>in the split&apos;s order</source>
        <translation>按划分中的顺序</translation>
    </message>
    <message>
        <source>Most wrong: the misclassified samples, lowest probability on the true class first.
Least sure: every sample, smallest gap between its two most likely classes first.
Largest error: a regression&apos;s samples, largest absolute error first.
All: the split in its own order.</source>
        <translation>错得最多：分类错误的样本，真实类别概率最低的在前。
最不确定：所有样本，两个最可能类别概率差最小的在前。
误差最大：回归的样本，绝对误差最大的在前。
全部：按划分本身的顺序。</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>True</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>P(true)</source>
        <translation>P(真实)</translation>
    </message>
    <message>
        <source>{ranking}: {explained}</source>
        <translation>{ranking}：{explained}</translation>
    </message>
    <message>
        <source>{split} sample #{index}
{preview}</source>
        <translation>{split}样本 #{index}
{preview}</translation>
    </message>
    <message>
        <source>None of the {n} is misclassified: see Least sure.</source>
        <translation>{n} 个样本均未分类错误：请查看“最不确定”。</translation>
    </message>
    <message>
        <source>{wrong} of {n} wrong, the first {shown}</source>
        <translation>{n} 个中错 {wrong} 个，显示前 {shown} 个</translation>
    </message>
    <message>
        <source>{wrong} of {n} wrong</source>
        <translation>{n} 个中错 {wrong} 个</translation>
    </message>
    <message>
        <source>{shown} of {n}</source>
        <translation>{n} 个中的 {shown} 个</translation>
    </message>
    <message>
        <source>all {n}</source>
        <translation>全部 {n} 个</translation>
    </message>
    <message>
        <source>&lt;b&gt;#{index}&lt;/b&gt; · true {true} · predicted {predicted} · error {error}</source>
        <translation>&lt;b&gt;#{index}&lt;/b&gt; · 真实 {true} · 预测 {predicted} · 误差 {error}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{color}&apos;&gt;wrong&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:{color}&apos;&gt;错误&lt;/span&gt;</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>&lt;b&gt;#{index}&lt;/b&gt; · true &lt;b&gt;{true}&lt;/b&gt; · predicted &lt;b&gt;{predicted}&lt;/b&gt; ({verdict})</source>
        <translation>&lt;b&gt;#{index}&lt;/b&gt; · 真实 &lt;b&gt;{true}&lt;/b&gt; · 预测 &lt;b&gt;{predicted}&lt;/b&gt;（{verdict}）</translation>
    </message>
    <message>
        <source>The samples could not be listed: {error}</source>
        <translation>无法列出样本：{error}</translation>
    </message>
</context>
<context>
    <name>Tint</name>
    <message>
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活情况</translation>
    </message>
    <message>
        <source>Update ratio</source>
        <translation>更新比</translation>
    </message>
    <message>
        <source>Gradient norm: {value}</source>
        <translation>梯度范数：{value}</translation>
    </message>
    <message>
        <source>Update ratio at step {step}: {ratio} (healthy near 1e-3); weight norm {norm}</source>
        <translation>第 {step} 步的更新比：{ratio}（健康值约 1e-3）；权重范数 {norm}</translation>
    </message>
    <message>
        <source>output mean {mean}, std {std}</source>
        <translation>输出均值 {mean}，标准差 {std}</translation>
    </message>
    <message>
        <source>Activations at step {step}: {stats} (not tinted: no dead or saturated units)</source>
        <translation>第 {step} 步的激活情况：{stats}（未着色：没有死亡或饱和单元）</translation>
    </message>
    <message>
        <source>Activations at step {step}: {share} of units dead; {stats}</source>
        <translation>第 {step} 步的激活情况：{share} 的单元死亡；{stats}</translation>
    </message>
    <message>
        <source>Activations at step {step}: {share} of units saturated; {stats}</source>
        <translation>第 {step} 步的激活情况：{share} 的单元饱和；{stats}</translation>
    </message>
    <message>
        <source>dead {share}</source>
        <translation>死亡 {share}</translation>
    </message>
    <message>
        <source>sat. {share}</source>
        <translation>饱和 {share}</translation>
    </message>
    <message>
        <source>↓ upd</source>
        <translation>↓ 更新</translation>
    </message>
    <message>
        <source>↑ upd</source>
        <translation>↑ 更新</translation>
    </message>
    <message>
        <source>{share} dead</source>
        <translation>{share} 死亡</translation>
    </message>
    <message>
        <source>{share} saturated</source>
        <translation>{share} 饱和</translation>
    </message>
    <message>
        <source>latest values</source>
        <translation>最新数值</translation>
    </message>
    <message>
        <source>sampled every step</source>
        <translation>每步采样</translation>
    </message>
    <message>
        <source>sampled every {n} steps</source>
        <translation>每 {n} 步采样</translation>
    </message>
</context>
<context>
    <name>TintLegend</name>
    <message>
        <source>Gradient norm of each layer at the latest sample, on a log scale spanning the current norms: the colour says how a layer compares with the others.</source>
        <translation>最新一次采样时每层的梯度范数，按覆盖当前范数的对数刻度显示：颜色表示该层与其他层相比如何。</translation>
    </message>
    <message>
        <source>Share of units in trouble, 0-100 %: dead units (always 0 over the batch) of ReLU layers, saturated outputs of sigmoid and tanh layers. Other layers have no such share and are not tinted; their tooltip gives the output&apos;s mean and std.</source>
        <translation>异常单元占比，0-100 %：ReLU 层的死亡单元（在整个批次上恒为 0），sigmoid 和 tanh 层的饱和输出。其他层没有此占比，不着色；其提示中给出输出的均值和标准差。</translation>
    </message>
    <message>
        <source>Update-to-weight ratio of the latest sampled step, ||Δw|| / ||w||, on a log scale centred on 1e-3, the rule of thumb: blue, the layer barely moves; red, it jumps. Only layers with weights have one.</source>
        <translation>最新采样步的更新与权重之比 ||Δw|| / ||w||，按以经验值 1e-3 为中心的对数刻度显示：蓝色表示该层几乎不动；红色表示它跳变剧烈。只有带权重的层才有此值。</translation>
    </message>
    <message>
        <source>What the tint of the canvas shows</source>
        <translation>画布着色显示的内容</translation>
    </message>
    <message>
        <source>{explained}
The values shown are from step {step}.</source>
        <translation>{explained}
显示的数值来自第 {step} 步。</translation>
    </message>
    <message>
        <source>no values yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>dead / saturated units</source>
        <translation>死亡 / 饱和单元</translation>
    </message>
    <message>
        <source>1e-6 too small</source>
        <translation>1e-6 过小</translation>
    </message>
    <message>
        <source>too large 1</source>
        <translation>过大 1</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Training is running: stop it in the Training panel to change the network</source>
        <translation>正在训练：要修改网络，请先在训练面板中停止训练</translation>
    </message>
    <message>
        <source>Training in progress: the network is locked</source>
        <translation>正在训练：网络已锁定</translation>
    </message>
    <message>
        <source>Preparing data and network…</source>
        <translation>正在准备数据和网络…</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>当前步完成后停止…</translation>
    </message>
    <message>
        <source>Training on {device}…</source>
        <translation>正在 {device} 上训练…</translation>
    </message>
    <message>
        <source>Paused. Resume to continue, or Stop to keep these weights.</source>
        <translation>已暂停。点击“继续”接着训练，或点击“停止”保留当前权重。</translation>
    </message>
    <message>
        <source>{message} {skipped}.</source>
        <translation>{message} {skipped}。</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <source>Training could not start.</source>
        <translation>训练无法开始。</translation>
    </message>
    <message>
        <source>Training could not go on: {message}</source>
        <translation>训练无法继续：{message}</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Training: the network is locked until the run ends</source>
        <translation>训练中：在训练结束前网络已锁定</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Ready to train.</source>
        <translation>可以开始训练。</translation>
    </message>
    <message>
        <source>Not ready to train yet.</source>
        <translation>尚不能训练。</translation>
    </message>
    <message>
        <source>The network is empty: drag layers onto the canvas first.</source>
        <translation>网络为空：请先把层拖到画布上。</translation>
    </message>
    <message>
        <source>No dataset: choose one in the Data tab to train on.</source>
        <translation>没有数据集：请在“数据”标签页中选择一个用于训练。</translation>
    </message>
    <message>
        <source>The dataset cannot be read: {problem}</source>
        <translation>无法读取数据集：{problem}</translation>
    </message>
    <message>
        <source>{layer}: {message}</source>
        <translation>{layer}：{message}</translation>
    </message>
    <message>
        <source>{message} (and {n} more)</source>
        <translation>{message}（另有 {n} 项）</translation>
    </message>
    <message>
        <source>Fix the network first, see the Issues list: {problem}</source>
        <translation>请先修正网络，见问题列表：{problem}</translation>
    </message>
    <message>
        <source>Finish the network first, see the Issues list: {problem}</source>
        <translation>请先完成网络，见问题列表：{problem}</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Binary cross-entropy (logits)</source>
        <translation>二元交叉熵（logits）</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Mean absolute error (L1)</source>
        <translation>平均绝对误差（L1）</translation>
    </message>
    <message>
        <source>Huber</source>
        <translation>Huber 损失</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <source>One-cycle</source>
        <translation>单周期</translation>
    </message>
    <message>
        <source>Reduce on plateau</source>
        <translation>停滞时降低</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA GPU</translation>
    </message>
    <message>
        <source>Apple GPU (MPS)</source>
        <translation>苹果 GPU（MPS）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Gradient clip</source>
        <translation>梯度裁剪</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Looking for a GPU…</source>
        <translation>正在查找 GPU…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Continue from the trained weights</source>
        <translation>从训练好的权重继续</translation>
    </message>
    <message>
        <source>Start from the weights the last run (or the opened file) left, instead of a fresh initialisation from the seed</source>
        <translation>从上次训练（或打开的文件）留下的权重开始，而不是用随机种子重新初始化</translation>
    </message>
    <message>
        <source>GPU: {name}</source>
        <translation>GPU：{name}</translation>
    </message>
    <message>
        <source>No GPU found: training on the CPU</source>
        <translation>未找到 GPU：在 CPU 上训练</translation>
    </message>
    <message>
        <source>PyTorch could not be loaded: {message}</source>
        <translation>无法加载 PyTorch：{message}</translation>
    </message>
    <message>
        <source>auto ({size} MiB)</source>
        <translation>自动（{size} MiB）</translation>
    </message>
    <message>
        <source>Image folders larger than this (as float32) are read from disk in batches while training instead of held in memory; auto: a quarter of this machine&apos;s memory</source>
        <translation>大于此值（按 float32 计）的图像文件夹在训练时按批次从磁盘读取，而不是全部放在内存中；自动：本机内存的四分之一</translation>
    </message>
    <message>
        <source>Data in memory</source>
        <translation>内存中的数据</translation>
    </message>
    <message>
        <source>Cannot start: {reason}</source>
        <translation>无法开始：{reason}</translation>
    </message>
    <message>
        <source>Train the network on the data</source>
        <translation>用数据训练网络</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs} · step {step}/{total} · {percent}</source>
        <translation>轮次 {epoch}/{epochs} · 步 {step}/{total} · {percent}</translation>
    </message>
    <message>
        <source>{rate} steps/s · ETA {eta}</source>
        <translation>每秒 {rate} 步 · 剩余 {eta}</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>Trained weights, no recorded run</source>
        <translation>有训练好的权重，无训练记录</translation>
    </message>
    <message>
        <source>Last run: {n} epoch</source>
        <translation>上次训练：{n} 轮</translation>
    </message>
    <message>
        <source>Last run: {n} epochs</source>
        <translation>上次训练：{n} 轮</translation>
    </message>
    <message>
        <source>{run}, {status}</source>
        <translation>{run}，{status}</translation>
    </message>
    <message>
        <source>Opened with trained weights: evaluate them, or tick Continue to train further.</source>
        <translation>已打开训练好的权重：可以评估它们，或勾选“继续”进一步训练。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>epoch {epoch}: metric {value}</source>
        <translation>第 {epoch} 轮：指标 {value}</translation>
    </message>
    <message>
        <source>step {step}: lr {value}</source>
        <translation>第 {step} 步：学习率 {value}</translation>
    </message>
    <message>
        <source>step {step}: {values}</source>
        <translation>第 {step} 步：{values}</translation>
    </message>
    <message>
        <source>step {step}: loss {loss} (smoothed {smoothed})</source>
        <translation>第 {step} 步：损失 {loss}（平滑后 {smoothed}）</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Exponential smoothing of the training loss (0 = none)</source>
        <translation>训练损失的指数平滑（0 = 不平滑）</translation>
    </message>
    <message>
        <source>Hover over a plot to read its values.</source>
        <translation>将鼠标悬停在图上可读取数值。</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>step (norms sampled every {n} steps)</source>
        <translation>步（每 {n} 步采样范数）</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>The saved weights no longer fit the network: {reason}. Train it again to evaluate it.</source>
        <translation>已保存的权重不再适配该网络：{reason}。请重新训练后再评估。</translation>
    </message>
</context>
</TS>
