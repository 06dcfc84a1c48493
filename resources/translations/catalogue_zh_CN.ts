<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Catalogue</name>
    <message>
        <source>Learn an additive bias</source>
        <translation>学习一个加性偏置。</translation>
    </message>
    <message>
        <source>Size of the sliding window</source>
        <translation>滑动窗口的大小。</translation>
    </message>
    <message>
        <source>Step between windows</source>
        <translation>相邻窗口之间的步长。</translation>
    </message>
    <message>
        <source>Zeros added on each side</source>
        <translation>每一侧补充的零的个数。</translation>
    </message>
    <message>
        <source>Independent channel groups; input and output channels must divide by it (groups = channels: depthwise)</source>
        <translation>相互独立的通道分组数；输入和输出通道数都必须能被它整除（groups 等于通道数时即为深度卷积）。</translation>
    </message>
    <message>
        <source>Added to the variance for numerical stability</source>
        <translation>加到方差上以保证数值稳定。</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>Size of the pooling window</source>
        <translation>池化窗口的大小。</translation>
    </message>
    <message>
        <source>Step between windows (0: same as kernel_size)</source>
        <translation>相邻窗口之间的步长（0 表示与 kernel_size 相同）。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>循环网络</translation>
    </message>
    <message>
        <source>Size of the hidden state</source>
        <translation>隐藏状态的大小。</translation>
    </message>
    <message>
        <source>Stacked recurrent layers</source>
        <translation>堆叠的循环层数。</translation>
    </message>
    <message>
        <source>Run forwards and backwards</source>
        <translation>同时正向和反向运行（双向）。</translation>
    </message>
    <message>
        <source>Return every step [N, L, H] or only the last one [N, H]</source>
        <translation>返回每一步的输出 [N, L, H]，或只返回最后一步 [N, H]。</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Input/Output</source>
        <translation>输入/输出</translation>
    </message>
    <message>
        <source>Where data enters the network; its shape comes from the bound dataset</source>
        <translation>数据进入网络的位置；其形状来自绑定的数据集。</translation>
    </message>
    <message>
        <source>Shape of one sample, without the batch dimension</source>
        <translation>单个样本的形状，不含批次维度。</translation>
    </message>
    <message>
        <source>int64 for token indices</source>
        <translation>词元索引使用 int64。</translation>
    </message>
    <message>
        <source>The dataset input this node reads (empty: the dataset&apos;s only input)</source>
        <translation>此节点读取的数据集输入（留空表示数据集唯一的输入）。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>The network&apos;s prediction; the loss compares it with the target</source>
        <translation>网络的预测；损失函数将它与目标进行比较。</translation>
    </message>
    <message>
        <source>Linear (Dense)</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>全连接</translation>
    </message>
    <message>
        <source>Fully connected layer: y = xW^T + b over the last dimension</source>
        <translation>全连接层：在最后一个维度上计算 y = xW^T + b。</translation>
    </message>
    <message>
        <source>Number of output units</source>
        <translation>输出单元的数量。</translation>
    </message>
    <message>
        <source>Conv1d</source>
        <translation>一维卷积</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>卷积</translation>
    </message>
    <message>
        <source>1-D convolution over [N, C, L] sequences</source>
        <translation>对 [N, C, L] 序列进行一维卷积。</translation>
    </message>
    <message>
        <source>Number of filters</source>
        <translation>卷积核（滤波器）的数量。</translation>
    </message>
    <message>
        <source>Spacing between kernel elements</source>
        <translation>卷积核元素之间的间距（空洞）。</translation>
    </message>
    <message>
        <source>Conv2d</source>
        <translation>二维卷积</translation>
    </message>
    <message>
        <source>2-D convolution over [N, C, H, W] images</source>
        <translation>对 [N, C, H, W] 图像进行二维卷积。</translation>
    </message>
    <message>
        <source>ConvTranspose2d</source>
        <translation>二维转置卷积</translation>
    </message>
    <message>
        <source>Transposed 2-D convolution (learned upsampling) over [N, C, H, W]</source>
        <translation>对 [N, C, H, W] 进行二维转置卷积（可学习的上采样）。</translation>
    </message>
    <message>
        <source>Extra size added to one side of the output</source>
        <translation>在输出的一侧额外增加的尺寸。</translation>
    </message>
    <message>
        <source>MaxPool2d</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <source>Maximum over sliding windows of [N, C, H, W]</source>
        <translation>在 [N, C, H, W] 的滑动窗口上取最大值。</translation>
    </message>
    <message>
        <source>AvgPool2d</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <source>Average over sliding windows of [N, C, H, W]</source>
        <translation>在 [N, C, H, W] 的滑动窗口上取平均值。</translation>
    </message>
    <message>
        <source>AdaptiveAvgPool2d</source>
        <translation>自适应平均池化</translation>
    </message>
    <message>
        <source>Average-pools [N, C, H, W] to a fixed output size</source>
        <translation>将 [N, C, H, W] 平均池化到固定的输出尺寸。</translation>
    </message>
    <message>
        <source>Output height and width</source>
        <translation>输出的高度和宽度。</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Averages over the given dimensions; (2, 3) of [N, C, H, W] averages each channel</source>
        <translation>在指定维度上求平均；对 [N, C, H, W] 取 (2, 3) 即对每个通道求平均。</translation>
    </message>
    <message>
        <source>Dimensions to average (1: the first after the batch)</source>
        <translation>要求平均的维度（1 表示批次之后的第一个维度）。</translation>
    </message>
    <message>
        <source>Keep the averaged dimensions with size 1</source>
        <translation>保留求平均的维度，大小为 1。</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>展平</translation>
    </message>
    <message>
        <source>Reshape</source>
        <translation>变形</translation>
    </message>
    <message>
        <source>Flattens all dimensions from start_dim on into one</source>
        <translation>将从 start_dim 开始的所有维度展平为一个维度。</translation>
    </message>
    <message>
        <source>First dimension to flatten (1 keeps the batch)</source>
        <translation>开始展平的维度（1 表示保留批次维度）。</translation>
    </message>
    <message>
        <source>Reshapes each sample (batch dimension kept); one size may be -1</source>
        <translation>改变每个样本的形状（保留批次维度）；可以有一个尺寸为 -1。</translation>
    </message>
    <message>
        <source>New shape of one sample</source>
        <translation>单个样本的新形状。</translation>
    </message>
    <message>
        <source>Pad</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Adds a constant border: (before, after) pairs for the last dimensions, last first</source>
        <translation>添加常数边框：按 (前, 后) 成对给出最后几个维度的填充量，从最后一个维度开始。</translation>
    </message>
    <message>
        <source>Pairs (before, after), last dimension first: (left, right, top, bottom)</source>
        <translation>(前, 后) 成对给出，从最后一个维度开始：(左, 右, 上, 下)。</translation>
    </message>
    <message>
        <source>Value of the added elements</source>
        <translation>填充元素的值。</translation>
    </message>
    <message>
        <source>Upsample</source>
        <translation>上采样</translation>
    </message>
    <message>
        <source>Enlarges [N, C, L] or [N, C, H, W] by scale_factor, repeating or interpolating values</source>
        <translation>按 scale_factor 放大 [N, C, L] 或 [N, C, H, W]，通过重复或插值得到新值。</translation>
    </message>
    <message>
        <source>Size multiplier (below 1 shrinks)</source>
        <translation>尺寸倍数（小于 1 则缩小）。</translation>
    </message>
    <message>
        <source>Repeat the nearest value, or interpolate ([N, C, H, W] only)</source>
        <translation>重复最近的值，或进行插值（仅限 [N, C, H, W]）。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>随机失活</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Randomly zeroes elements with probability p during training</source>
        <translation>训练时以概率 p 随机将元素置零。</translation>
    </message>
    <message>
        <source>Probability of zeroing an element</source>
        <translation>元素被置零的概率。</translation>
    </message>
    <message>
        <source>StochasticDepth</source>
        <translation>随机深度</translation>
    </message>
    <message>
        <source>While training, drops a residual branch for a whole sample with probability p (the rest scaled by 1 / (1 - p)); passes everything at evaluation</source>
        <translation>训练时以概率 p 对整个样本丢弃残差分支（其余的乘以 1 / (1 - p)）；评估时全部通过。</translation>
    </message>
    <message>
        <source>Probability of dropping a sample&apos;s branch</source>
        <translation>丢弃一个样本的分支的概率。</translation>
    </message>
    <message>
        <source>BatchNorm1d</source>
        <translation>一维批归一化</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Normalises each feature over the batch ([N, C] or [N, C, L])</source>
        <translation>在批次上对每个特征做归一化（[N, C] 或 [N, C, L]）。</translation>
    </message>
    <message>
        <source>Running statistics update rate</source>
        <translation>滑动统计量的更新速率。</translation>
    </message>
    <message>
        <source>BatchNorm2d</source>
        <translation>二维批归一化</translation>
    </message>
    <message>
        <source>Normalises each channel of [N, C, H, W] over the batch</source>
        <translation>在批次上对 [N, C, H, W] 的每个通道做归一化。</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>层归一化</translation>
    </message>
    <message>
        <source>Normalises each sample over its last dimension</source>
        <translation>在最后一个维度上对每个样本做归一化。</translation>
    </message>
    <message>
        <source>Learn a scale and shift</source>
        <translation>学习缩放和平移参数。</translation>
    </message>
    <message>
        <source>Embedding</source>
        <translation>嵌入层</translation>
    </message>
    <message>
        <source>Looks up a learned vector for each integer index</source>
        <translation>为每个整数索引查找一个学习得到的向量。</translation>
    </message>
    <message>
        <source>Vocabulary size (indices 0..n-1)</source>
        <translation>词表大小（索引为 0..n-1）。</translation>
    </message>
    <message>
        <source>Size of each vector</source>
        <translation>每个向量的大小。</translation>
    </message>
    <message>
        <source>Index 0 is padding: its vector stays zero and is never trained</source>
        <translation>索引 0 表示填充：它的向量始终为零，且不参与训练。</translation>
    </message>
    <message>
        <source>SequencePool</source>
        <translation>序列池化</translation>
    </message>
    <message>
        <source>Pools [N, L, D] over the sequence to [N, D], ignoring padding: input 0 is the sequence, input 1 the token ids [N, L] whose 0s are padding</source>
        <translation>沿序列将 [N, L, D] 池化为 [N, D]，忽略填充：输入 0 是序列，输入 1 是词元 ID [N, L]，其中的 0 表示填充。</translation>
    </message>
    <message>
        <source>Mean or maximum over the real tokens, or the last real token</source>
        <translation>对真实词元取均值或最大值，或取最后一个真实词元。</translation>
    </message>
    <message>
        <source>Transpose</source>
        <translation>转置</translation>
    </message>
    <message>
        <source>Swaps two dimensions: [N, L, D] -&gt; [N, D, L] makes the features channels ([N, C, L])</source>
        <translation>交换两个维度：[N, L, D] -&gt; [N, D, L] 使特征成为通道（[N, C, L]）。</translation>
    </message>
    <message>
        <source>First dimension (1: the first after the batch)</source>
        <translation>第一个维度（1 表示批次之后的第一个维度）。</translation>
    </message>
    <message>
        <source>Second dimension</source>
        <translation>第二个维度。</translation>
    </message>
    <message>
        <source>Permute</source>
        <translation>维度重排</translation>
    </message>
    <message>
        <source>Reorders the dimensions after the batch: dims (2, 1) turns [N, L, D] into [N, D, L]</source>
        <translation>重新排列批次之后的维度：dims 为 (2, 1) 时将 [N, L, D] 变为 [N, D, L]。</translation>
    </message>
    <message>
        <source>New order of the dimensions after the batch (1, 2, ...)</source>
        <translation>批次之后各维度的新顺序（1, 2, ...）。</translation>
    </message>
    <message>
        <source>Chunk</source>
        <translation>分块</translation>
    </message>
    <message>
        <source>Cuts dim into chunks equal pieces (the last may be smaller) and passes on piece index, as torch.chunk(x, chunks, dim)[index]; one Chunk node per piece used</source>
        <translation>将维度 dim 等分为 chunks 块（最后一块可能较小），并输出第 index 块，即 torch.chunk(x, chunks, dim)[index]；每使用一块需要一个分块节点。</translation>
    </message>
    <message>
        <source>Number of pieces to cut dim into</source>
        <translation>将 dim 切分成的块数。</translation>
    </message>
    <message>
        <source>Which piece to pass on (0: the first)</source>
        <translation>输出哪一块（0 表示第一块）。</translation>
    </message>
    <message>
        <source>Dimension to cut (1: the first after the batch)</source>
        <translation>要切分的维度（1 表示批次之后的第一个维度）。</translation>
    </message>
    <message>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <source>LSTM over [N, L, features] sequences (batch first)</source>
        <translation>作用于 [N, L, features] 序列的 LSTM（批次在前）。</translation>
    </message>
    <message>
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <source>GRU over [N, L, features] sequences (batch first)</source>
        <translation>作用于 [N, L, features] 序列的 GRU（批次在前）。</translation>
    </message>
    <message>
        <source>Self-attention</source>
        <translation>多头自注意力</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Each position of [N, L, D] attends to every position (batch first); embed_dim is D, which num_heads must divide</source>
        <translation>[N, L, D] 中的每个位置都关注所有位置（批次在前）；embed_dim 即 D，必须能被 num_heads 整除。</translation>
    </message>
    <message>
        <source>Parallel attention heads (must divide D)</source>
        <translation>并行的注意力头数（必须能整除 D）。</translation>
    </message>
    <message>
        <source>Dropout on the attention weights in training</source>
        <translation>训练时对注意力权重施加的随机失活概率。</translation>
    </message>
    <message>
        <source>Transformer layer</source>
        <translation>Transformer 层</translation>
    </message>
    <message>
        <source>Self-attention and a feed-forward block, each with a residual connection and LayerNorm, over [N, L, D] (batch first); nhead must divide D</source>
        <translation>作用于 [N, L, D]（批次在前）的自注意力和前馈模块，各带一个残差连接和层归一化；D 必须能被 nhead 整除。</translation>
    </message>
    <message>
        <source>Width of the feed-forward block</source>
        <translation>前馈模块的宽度。</translation>
    </message>
    <message>
        <source>Dropout in training</source>
        <translation>训练时的随机失活概率。</translation>
    </message>
    <message>
        <source>Feed-forward activation</source>
        <translation>前馈模块的激活函数。</translation>
    </message>
    <message>
        <source>LayerNorm before attention and feed-forward (pre-norm)</source>
        <translation>在注意力和前馈之前做层归一化（pre-norm）。</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>max(0, x)</source>
        <translation>max(0, x)</translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation>LeakyReLU</translation>
    </message>
    <message>
        <source>x for x &gt; 0, negative_slope * x otherwise</source>
        <translation>x &gt; 0 时为 x，否则为 negative_slope * x。</translation>
    </message>
    <message>
        <source>Slope for negative inputs</source>
        <translation>负输入部分的斜率。</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>Gaussian error linear unit</source>
        <translation>高斯误差线性单元。</translation>
    </message>
    <message>
        <source>Exact or tanh approximation</source>
        <translation>精确计算，或用 tanh 近似。</translation>
    </message>
    <message>
        <source>SiLU</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>x * sigmoid(x) (swish)</source>
        <translation>x * sigmoid(x)（swish）</translation>
    </message>
    <message>
        <source>ReLU6</source>
        <translation>ReLU6</translation>
    </message>
    <message>
        <source>min(max(0, x), 6)</source>
        <translation>min(max(0, x), 6)</translation>
    </message>
    <message>
        <source>Hardswish</source>
        <translation>Hardswish</translation>
    </message>
    <message>
        <source>x * ReLU6(x + 3) / 6, a cheap swish (MobileNetV3)</source>
        <translation>x * ReLU6(x + 3) / 6，计算代价低的 swish（MobileNetV3）。</translation>
    </message>
    <message>
        <source>Hardsigmoid</source>
        <translation>Hardsigmoid</translation>
    </message>
    <message>
        <source>ReLU6(x + 3) / 6, a cheap sigmoid</source>
        <translation>ReLU6(x + 3) / 6，计算代价低的 sigmoid。</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>1 / (1 + exp(-x))</source>
        <translation>1 / (1 + exp(-x))</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>Hyperbolic tangent</source>
        <translation>双曲正切。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Exponentials normalised to sum to 1 along dim (not before cross-entropy: it applies one)</source>
        <translation>沿 dim 取指数并归一化使其和为 1（不要放在交叉熵之前：交叉熵已自带一次）。</translation>
    </message>
    <message>
        <source>Dimension to normalise</source>
        <translation>做归一化的维度。</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>恒等</translation>
    </message>
    <message>
        <source>Passes its input through unchanged</source>
        <translation>原样输出其输入。</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>相加</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Element-wise sum of two or more tensors of the same shape (skip connections)</source>
        <translation>对两个或多个形状相同的张量逐元素求和（跳跃连接）。</translation>
    </message>
    <message>
        <source>Multiply</source>
        <translation>相乘</translation>
    </message>
    <message>
        <source>Element-wise product of two or more tensors (gating); a size-1 dimension stretches, so [N, C, 1, 1] scales each channel of [N, C, H, W]</source>
        <translation>对两个或多个张量逐元素相乘（门控）；大小为 1 的维度会被扩展，因此 [N, C, 1, 1] 可缩放 [N, C, H, W] 的每个通道。</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Multiplies every element by a constant factor</source>
        <translation>将每个元素乘以一个常数因子。</translation>
    </message>
    <message>
        <source>The constant to multiply by</source>
        <translation>要乘的常数。</translation>
    </message>
    <message>
        <source>Concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Joins two or more tensors along dim; the other dimensions must match</source>
        <translation>沿 dim 拼接两个或多个张量；其他维度必须一致。</translation>
    </message>
    <message>
        <source>Dimension to join along (1: features/channels)</source>
        <translation>拼接所沿的维度（1 表示特征/通道）。</translation>
    </message>
</context>
</TS>
