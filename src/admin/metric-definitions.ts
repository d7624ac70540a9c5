/**
 * Every figure the dashboard shows, with its formula, what is counted, how the well-known help-center tools
 * define it, and where ours differs and why: the 指標の定義 page. The formulas are the ones reports.ts and
 * report-math.ts compute; test/admin/reports.test.ts checks each against a fixture.
 */
export interface MetricDefinition {
  name: string;
  formula: string;
  /** What one unit of the count is. */
  counts: string;
  /** How Zendesk or Document360 define it, where they do. */
  elsewhere: string;
  /** Where ours differs, and why. */
  ours: string;
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    name: "検索数",
    formula: "期間中の検索の件数",
    counts:
      "結果ページを開いた検索と、入力中の候補から回答が選ばれた検索。1 人の読者が同じ日に同じ言葉で検索したものは 1 件と数えます。",
    elsewhere: "Zendesk（Explore のヘルプセンター検索）は実行された検索をすべて数えます。",
    ours: "入力途中の文字（キー操作ごとの候補表示）は数えません。再読み込みや同じ検索の繰り返しで件数が膨らまないよう、読者・言葉・日ごとに 1 件です。",
  },
  {
    name: "0 件の検索の割合",
    formula: "結果が 0 件だった検索 ÷ 検索数",
    counts: "回答が 1 件も見つからなかった検索。",
    elsewhere: "Zendesk の「結果のない検索（No result searches）」を検索数で割ったものと同じです。",
    ours: "同じです。どの言葉が見つからなかったかは「見つからなかった検索」に、2 人以上の読者が検索した言葉だけを表示します。",
  },
  {
    name: "クリック率",
    formula: "結果の回答が開かれた検索 ÷ 検索数",
    counts: "結果一覧から回答が 1 件以上開かれた検索（入力中の候補から選ばれた回答を含む）。",
    elsewhere: "Zendesk のクリック率（Click-through rate）は、1 回以上クリックされた検索の割合です。",
    ours: "同じです。クリックは、その読者がその日に同じ言葉で行った検索に結び付け、読者・言葉・回答ごとに 1 日 1 回数えます。",
  },
  {
    name: "直帰した検索の割合",
    formula: "（検索数 − 0 件の検索 − 回答が開かれた検索）÷ 検索数",
    counts: "結果は表示されたのに、どの回答も開かれなかった検索。",
    elsewhere: "Zendesk はクリックのない検索を別に数えますが、0 件の検索と分けていません。",
    ours: "0 件の検索を除きます。結果が出たのに選ばれなかった、つまり題名や抜粋が読者の探すものに見えなかった検索だけを示すためです。",
  },
  {
    name: "評価数",
    formula: "期間中の「はい」と「いいえ」の件数",
    counts:
      "回答の下の「この回答で問題は解決しましたか？」への回答。同じ読者が同じ日に同じ回答へ投票し直した場合は、最後の 1 票だけ数えます。",
    elsewhere: "Zendesk の記事の投票（Article votes）は、サインインした利用者 1 人につき記事ごとに 1 票です。",
    ours: "読者はサインインしないため、1 日ごとに変わるキー（アドレスから作るハッシュ）で 1 日 1 票にします。個人は特定しません。",
  },
  {
    name: "「解決した」の割合",
    formula: "「はい」の件数 ÷ 評価数",
    counts: "「はい」と答えた評価。",
    elsewhere:
      "Zendesk の投票の割合（賛成票 ÷ 全投票）と同じです。Document360 は「いいね」「よくないね」の数を並べて示します。",
    ours: "同じです。",
  },
  {
    name: "回答の閲覧数",
    formula: "回答のページ（/questions/<id>）が読者に表示された回数",
    counts:
      "読者のブラウザーによる表示 1 回。HEAD、ブラウザーの先読み（Sec-Purpose: prefetch）、ボットを名乗るクライアント、1 分あたりの上限を超えたクライアントは数えません。",
    elsewhere:
      "Zendesk の記事の閲覧数（Article views）は記事ページの表示回数です。Document360 も記事の表示回数（Views）を数えます。",
    ours: "回答ごと・日ごとの合計だけを保存し、閲覧 1 回ごとの記録は残しません。カテゴリーのページで回答を読んだ場合は数えません（どの回答を読んだか分からないため）。",
  },
  {
    name: "問い合わせ数",
    formula: "期間中にお問い合わせのリンク（/contact/go）が使われた回数",
    counts:
      "事務局のメールやフォームを開くリンクが押された回数。ボット、先読み、1 分あたりの上限を超えたクライアントは数えません。content/contact.md に連絡先がなければ数えません。",
    elsewhere: "Zendesk ではチケット（問い合わせ）の件数や、チケットを作成した利用者の数です。",
    ours: "事務局の受付システムとはつながっていないため、実際に送られたメールではなく、リンクが使われた回数です。メールを送らずに閉じた読者も含みます。",
  },
  {
    name: "問い合わせ率",
    formula: "問い合わせ数 ÷ 回答の閲覧数（回答ごとには、その回答からの問い合わせ ÷ その回答の閲覧数）",
    counts: "回答を読んだあと事務局に問い合わせた割合。低いほど回答で解決しています。",
    elsewhere: "Document360 のチケット・ディフレクターは、回答を見たあとに問い合わせを送った割合を示します。",
    ours: "全体の率は、フッターや検索結果からの問い合わせも分子に含みます。回答ごとの率は、その回答のページから来た問い合わせだけです。",
  },
  {
    name: "セルフサービス・スコア",
    formula: "回答の閲覧数 ÷ 問い合わせ数",
    counts: "問い合わせ 1 件あたり、回答が何回読まれたか。高いほど、読者が自分で解決しています。",
    elsewhere:
      "Zendesk のセルフサービス・スコアは、ヘルプセンターの利用セッション数 ÷ チケットを作成した利用者数です（例: 40:1）。",
    ours: "読者を識別しないため、セッション数の代わりに回答の閲覧数、チケット利用者数の代わりにお問い合わせリンクの使用回数で割ります。同じ期間どうしで比べてください。",
  },
];
