fn main() {
    let _ = group_api::dingtalk::UpdateGroupRequest::builder().chatid("a").name("x").chatid("b").build();
}
